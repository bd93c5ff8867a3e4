"""Language codes for many-to-many models: ISO 639-1 ("zh", "en") to each family's own tokens."""

from __future__ import annotations

from ..errors import ModelError

NLLB = {
    "zh": "zho_Hans", "zh-Hans": "zho_Hans", "zh-Hant": "zho_Hant", "en": "eng_Latn", "fr": "fra_Latn",
    "de": "deu_Latn", "es": "spa_Latn", "ja": "jpn_Jpan", "ko": "kor_Hang", "ru": "rus_Cyrl",
}
MBART50 = {"zh": "zh_CN", "zh-Hans": "zh_CN", "en": "en_XX", "fr": "fr_XX", "de": "de_DE", "es": "es_XX", "ja": "ja_XX", "ko": "ko_KR", "ru": "ru_RU"}


class LanguageCodes:
    """What a model family needs to know the source and target language (nothing, for Marian)."""

    def __init__(self, tokenizer):
        cls = type(tokenizer).__name__
        self.tokenizer = tokenizer
        self.family = "nllb" if "Nllb" in cls else "m2m100" if "M2M100" in cls else "mbart50" if "MBart" in cls else "fixed"

    def code(self, lang: str) -> str | None:
        if self.family == "fixed":
            return None
        base = lang.split("-")[0]
        table = NLLB if self.family == "nllb" else MBART50 if self.family == "mbart50" else None
        if table is None:  # M2M-100 uses ISO codes
            return base
        code = table.get(lang) or table.get(base)
        if code is None:
            raise ModelError(f"no {self.family} language code known for {lang!r}; known: {', '.join(sorted(table))}")
        return code

    def set_source(self, lang: str) -> None:
        code = self.code(lang)
        if code is not None:
            self.tokenizer.src_lang = code

    def target_token(self, lang: str) -> str | None:
        """The token the decoder must start with (NLLB "eng_Latn", M2M "__en__"), if any."""
        code = self.code(lang)
        if code is None:
            return None
        return f"__{code}__" if self.family == "m2m100" else code

    def forced_bos_id(self, lang: str) -> int | None:
        token = self.target_token(lang)
        return None if token is None else self.tokenizer.convert_tokens_to_ids(token)
