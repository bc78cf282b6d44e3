"""The word lists of cues.yaml's ``words`` section, as the passes test them: a set for a
token's form or lemma, an alternation (``a|b|c``, escaped) for a pattern. Built once per
vocabulary (``Resources.words``); each field is the key of the same name."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..vocab import Vocabulary


@dataclass(frozen=True)
class Words:
    # sets
    list_introducers: frozenset[str]
    generic_markers: frozenset[str]
    generic_preps: frozenset[str]
    receiving_preps: frozenset[str]
    fitting_verbs: frozenset[str]
    contain_verbs: frozenset[str]
    use_verbs: frozenset[str]
    firing_verbs: frozenset[str]
    arms_pronouns: frozenset[str]
    companions: frozenset[str]
    helping_verbs: frozenset[str]
    helped_making: frozenset[str]
    peaceful_purposes: frozenset[str]
    equipping_verbs: frozenset[str]
    collective_possessives: frozenset[str]
    party_pronouns: frozenset[str]
    deal_nouns: frozenset[str]
    signing_verbs: frozenset[str]
    seller_preps: frozenset[str]
    thanking_words: frozenset[str]
    supplier_turning: frozenset[str]
    selling_modifiers: frozenset[str]
    attack_preps: frozenset[str]
    relative_pronouns: frozenset[str]
    buying_nouns: frozenset[str]
    bought_preps: frozenset[str]
    supplier_nouns: frozenset[str]
    trade_nouns: frozenset[str]
    carrying_give: frozenset[str]
    arming_verbs: frozenset[str]
    request_nouns: frozenset[str]
    relocation_verbs: frozenset[str]
    cause_preps: frozenset[str]
    wishing_verbs: frozenset[str]
    restocking_verbs: frozenset[str]
    warning_preps: frozenset[str]
    open_question_words: frozenset[str]
    sale_nouns: frozenset[str]
    arms_deal_modifiers: frozenset[str]
    help_preps: frozenset[str]
    arrival_preps: frozenset[str]
    recipient_preps: frozenset[str]
    destination_preps: frozenset[str]
    joining_preps: frozenset[str]
    back_subjects: frozenset[str]
    part_preps: frozenset[str]
    modifier_breakers: frozenset[str]
    millimetre: frozenset[str]
    definite_determiners: frozenset[str]
    participation_verbs: frozenset[str]
    activity_preps: frozenset[str]
    package_verbs: frozenset[str]
    spoken_commitments: frozenset[str]
    cargo_nouns: frozenset[str]
    plural_pronouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    question_labels: frozenset[str]
    office_portfolios: frozenset[str]
    state_possessives: frozenset[str]
    heading_preps: frozenset[str]
    agreement_verbs: frozenset[str]
    charge_words: frozenset[str]
    ongoing_preps: frozenset[str]
    nominal_plans: frozenset[str]
    ordering_verbs: frozenset[str]
    past_sequence_preps: frozenset[str]
    negations: frozenset[str]
    possible_above: frozenset[str]
    possible_auxiliaries: frozenset[str]
    future_auxiliaries: frozenset[str]
    past_modifiers: frozenset[str]
    perfect_present: frozenset[str]
    past_be: frozenset[str]
    past_auxiliaries: frozenset[str]
    onset_verbs: frozenset[str]
    result_verbs: frozenset[str]
    sequence_preps: frozenset[str]
    state_verbs: frozenset[str]
    present_be: frozenset[str]
    do_auxiliaries: frozenset[str]
    enabling_words: frozenset[str]
    ability_auxiliaries: frozenset[str]
    capability_nouns: frozenset[str]
    carrying_verbs: frozenset[str]
    financing_verbs: frozenset[str]
    financing_preps: frozenset[str]
    purpose_participles: frozenset[str]
    capability_auxiliaries: frozenset[str]
    condition_marks: frozenset[str]
    contest_preps: frozenset[str]
    purpose_preps: frozenset[str]
    naming_participles: frozenset[str]
    backing_verbs: frozenset[str]
    backing_preps: frozenset[str]
    part_nouns: frozenset[str]
    comparison_words: frozenset[str]
    firm_name_heads: frozenset[str]
    people_pronouns: frozenset[str]
    stand_in_verbs: frozenset[str]
    stand_in_states: frozenset[str]
    placed_determiners: frozenset[str]
    placed_preps: frozenset[str]
    handing_verbs: frozenset[str]
    storing_verbs: frozenset[str]
    presence_nouns: frozenset[str]
    host_anaphors: frozenset[str]
    group_partitives: frozenset[str]
    intent_nouns: frozenset[str]
    stationing_verbs: frozenset[str]
    purpose_side_verbs: frozenset[str]
    purpose_side_preps: frozenset[str]
    broad_regions: frozenset[str]
    holiday_names: frozenset[str]
    # alternations
    attribution_lead: str
    state_media: str
    how_many: str
    possessive_pronouns: str
    host_be: str
    host_preps: str
    host_before: str
    joining: str
    supplier_suffixes: str
    support_nouns: str
    maker_participles: str
    capital_located_before: str
    located_before: str
    figure_gap_words: str
    not_additive: str
    elided_additive: str
    elided_followers: str
    elided_leads: str
    arming_forms: str
    elided_more: str
    elided_future: str
    stand_in_followers: str
    figurative_modifiers: str
    war_objects: str
    test_fire_stems: str
    activity_additive: str
    whole_of: str
    whole_determiners: str
    closing_openers: str
    reported_after: str
    reported_after_preps: str
    cites_after: str
    refers_back_verbs: str
    refers_back_determiners: str
    refers_back_nouns: str
    perfect_or_also: str
    rejecting_verbs: str
    denial_determiners: str
    report_nouns: str
    claim_nouns: str
    perfect_auxiliaries: str
    dismissing_verbs: str
    source_line_labels: str
    figures_line_leads: str
    expected_before: str
    locative_preps: str
    place_nouns: str
    compass_words: str
    introducing_words: str
    variant_words: str
    military_modifiers: str
    value_words: str
    deal_value_words: str
    member_nouns: str
    cause_nouns: str
    phrase_determiners: str
    scourge_nouns: str
    display_preps: str
    watching_verbs: frozenset[str]
    casualty_nouns: frozenset[str]
    batch_singulars: frozenset[str]
    anyone_nouns: frozenset[str]
    anyone_modifiers: frozenset[str]
    setting_nouns: frozenset[str]
    setting_preps: frozenset[str]
    display_nouns: str
    landmark_preps: frozenset[str]
    landmark_time_nouns: frozenset[str]
    from_participles: str
    superlative_words: str

    @classmethod
    def of(cls, vocab: Vocabulary) -> Words:
        """Every field from the key of its name (a missing key raises VocabularyError)."""
        values: dict[str, Any] = {
            f.name: frozenset(vocab.words(f.name)) if f.type == "frozenset[str]"
            else vocab.alternation(f.name) for f in fields(cls)}
        return cls(**values)
