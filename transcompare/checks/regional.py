"""Regional vocabulary: Mainland and Taiwan/Hong Kong words for the same thing (软件/軟體,
网络/網路, 打印/列印), so two Chinese editions are compared on meaning, not on region.

``fold`` maps a text (either script) to one canonical form, keeping for every folded character
the offset it came from, so a difference found on folded text still points into the original.
Other checks use it: quotes.v1 and entities.v1 here, and any wording check comparing two Chinese
editions.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# canonical (Mainland, Simplified)  then the Taiwan / Hong Kong forms, after Simplified conversion.
# Written by the project from common usage; OpenCC's tw2sp phrase table covers some of these
# already, the rest (and the ones it converts one-sidedly, like 即时通讯 -> 实时通信) are here.
_PAIRS = """
软件 软体
硬件 硬体
网络 网路
互联网 网际网路 互联网路
打印机 印表机
打印 列印
信息技术 信息科技 资讯科技
信息 资讯 讯息
数据 资料
通过 透过
记录 纪录
签字 签名
应用 应用程式 应用程序
程序 程式
卸载 移除 解除安装
覆盖 涵盖
报道 报导
视频 影片 视讯
实时 即时
通讯 通信
服务器 伺服器
鼠标 滑鼠
硬盘 硬碟
屏幕 萤幕 荧幕
芯片 晶片
内存 记忆体
U盘 随身碟
博客 部落格
短信 简讯
默认 预设
文件 档案
项目 专案
质量 品质
水平 水准
人工智能 人工智慧
智能手机 智慧型手机
激光 雷射
出租车 计程车 的士
自行车 脚踏车 单车
摩托车 机车 电单车
地铁 捷运
公交车 公车 巴士
导弹 飞弹
航天 航太
集成电路 积体电路
知识产权 智慧财产权
社交媒体 社群媒体
网民 网友
数码 数位
登录 登入
界面 介面
光盘 光碟
操作系统 作业系统
在线 线上
新西兰 纽西兰
悉尼 雪梨
意大利 义大利
特朗普 川普
奥巴马 欧巴马
普京 普丁
布什 布希
希拉里 希拉蕊
默克尔 梅克尔
朝鲜 北韩
韩国 南韩
沙特 沙乌地
土豆 马铃薯
菠萝 凤梨
熊猫 猫熊
"""


@functools.lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """Every form (canonical included) -> its canonical Mainland form."""
    table: dict[str, str] = {}
    for line in _PAIRS.strip().splitlines():
        canonical, *others = line.split()
        table.setdefault(canonical, canonical)
        for other in others:
            table.setdefault(other, canonical)
    return table


def pairs() -> list[tuple[str, str]]:
    """(variant, canonical) for every non-canonical form, for docs and tests."""
    return sorted((v, c) for v, c in variants().items() if v != c)


@dataclass(frozen=True)
class Folded:
    """``text[i]`` comes from ``source[origin[i]]``; ``origin`` has one more entry: len(source)."""

    source: str
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span in the folded text -> the span of the source it covers."""
        if start >= len(self.text):
            return len(self.source), len(self.source)
        return self.origin[start], self.origin[end] if end < len(self.origin) else len(self.source)


def fold(text: str, lang: str = "zh") -> Folded:
    """Script-normalise (Traditional -> Simplified, widths, quote marks), then fold regional words."""
    from ..ingest.script import normalize

    plain = normalize(text, lang).text  # same length as ``text``
    table = variants()
    longest = max(len(k) for k in table)
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(plain):
        for size in range(min(longest, len(plain) - i), 0, -1):
            canonical = table.get(plain[i : i + size])
            if canonical is not None:
                out.append(canonical)
                origin.extend(i + min(k * size // len(canonical), size - 1) for k in range(len(canonical)))
                i += size
                break
        else:
            out.append(plain[i])
            origin.append(i)
            i += 1
    origin.append(len(text))
    return Folded(text, "".join(out), tuple(origin))


def equivalent(a: str, b: str, ignore: str = " \t\n，。、；：！？,.;:!?“”\"'‘’「」『』（）()") -> bool:
    """True when two Chinese strings differ only by script, regional vocabulary or punctuation."""
    strip = str.maketrans("", "", ignore)
    return fold(a).text.translate(strip) == fold(b).text.translate(strip)
