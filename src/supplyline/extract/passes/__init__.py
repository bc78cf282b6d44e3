"""The extractor's passes, one module per stage; ``..pipeline`` puts them in order."""
