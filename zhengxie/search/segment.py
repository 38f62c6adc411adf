"""Chinese word segmentation for the index and for queries (jieba, loaded once per process)."""

import re
import threading

_lock = threading.Lock()
_jieba = None
# Words that carry no meaning for search (function words, and the words every proposal title contains).
STOP_WORDS = frozenset("的 了 和 与 及 或 在 对 为 是 关于 有关 进一步 加强 提案 建议 问题 工作".split())
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def _load():
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(60)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def tokens(text: str, *, for_query: bool = False) -> list[str]:
    """Words of ``text`` (search-engine mode: long words also give their parts), lower-cased, without
    punctuation and stop words."""
    if not text:
        return []
    jieba = _load()
    words = jieba.cut_for_search(text)
    result = []
    for word in words:
        word = _PUNCT.sub("", word).lower()
        if word and word not in STOP_WORDS and (len(word) > 1 or not for_query or not word.isascii()):
            result.append(word)
    return result


def segmented(text: str) -> str:
    """The text as space-separated words: what the full-text index stores."""
    return " ".join(tokens(text))
