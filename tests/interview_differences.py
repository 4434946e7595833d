"""Where the adaptive interview's advice differs from the full questionnaire's, case by case."""

#: How the interview's result differs from the full questionnaire's with the engine as it is
#: (app/engine/interview.py; measured 2026-11-22). The interview stops at its budget or its
#: stopping rule before asking the question that would move the ranking, so the causes differ;
#: once (hold-23) it leaves unasked a question that could only lower the urgency: over-triage,
#: by design never under-triage. Listed, not hidden: a listed difference is reported as xfail,
#: a case that no longer differs passes, and any new difference fails. See README.
OVER_TRIAGE = "a higher urgency (a question that could only lower it is not asked)"
TOP_CAUSE = "another most likely cause"
TOP_THREE = "the same most likely cause, another cause in the top three"
ORDER = "the same top three, in another order"
KNOWN_DIFFERENCES = {
    **dict.fromkeys(["hold-23"], OVER_TRIAGE),
    **dict.fromkeys(
        (
            "pub-03 pub-08 pub-09 pub-11 pub-16 pub-18 own-05 own-06 own-08 own-13 own-21 own-22 "
            "own-23 own-26 own-27 own-29 own-31 own-32 own-34 own-37 hold-01 hold-07 hold-13 hold-16 "
            "hold-33 hold-38 hold-43"
        ).split(),
        TOP_CAUSE,
    ),
    **dict.fromkeys(
        (
            "pub-02 pub-10 pub-17 own-02 own-10 own-11 own-12 own-14 own-17 own-18 own-28 own-30 "
            "own-39 own-41 hold-06 hold-10 hold-14 hold-17 hold-20 hold-21 hold-35 hold-45"
        ).split(),
        TOP_THREE,
    ),
    **dict.fromkeys(["pub-01", "own-25", "hold-26", "hold-34"], ORDER),
}
