"""Chinese surnames: the reading used in names (where it differs from the everyday one) and
the spellings Taiwan, Hong Kong and the diaspora actually use.

One line per surname: ``hanzi pinyin spelling spelling ...`` (Simplified hanzi; the pinyin is the
name reading, which pypinyin gets wrong for 曾, 单, 解, 仇, 区, 朴 ...). Spellings are written by
the project from common usage: Wade-Giles (Taiwan), Hong Kong Government Cantonese, and a few
Hokkien/Teochew forms common in Singapore and Malaysia.
"""

from __future__ import annotations

import functools

_TABLE = """
王 wang Wong Ong Vong
李 li Lee Lei Lie
张 zhang Chang Cheung Teo Chong
刘 liu Lau Lew Low Lao
陈 chen Chan Tan Chin Chun
杨 yang Yeung Yeoh Yong Ieong
黄 huang Wong Ng Wee Hwang Huynh Ooi
赵 zhao Chao Chiu Chew
吴 wu Ng Goh Woo Ngo Eng
周 zhou Chou Chow Chew Chau Jou
徐 xu Hsu Tsui Chui Hsü Seow Tsi
孙 sun Suen Sng Soon Shun
马 ma Mah Ma Beh
朱 zhu Chu Chu Choo Gee Chue
胡 hu Wu Woo Oh Foo
郭 guo Kuo Kwok Kuek Quek Kok
何 he Ho Hoh Hor
高 gao Kao Ko Koh Kou
林 lin Lam Lim Lum Ling
罗 luo Lo Law Loh Lor Lou
郑 zheng Cheng Chang Tay Cheang Teh
梁 liang Leung Leong Neo Lerng
谢 xie Hsieh Tse Cheah Chia Tse Sieh
宋 song Sung Soong Song
唐 tang Tong Teng Tang
许 xu Hsu Hui Koh Khaw Hsü Hoi
韩 han Hon Han
冯 feng Fung Fong Pang
邓 deng Teng Tang Tan
曹 cao Tsao Tso Cho Chow
彭 peng Pang Phang Peng
曾 zeng Tseng Tsang Chang Tsen Zang Chen
肖 xiao Hsiao Siu Siew Seow
萧 xiao Hsiao Siu Siew Seow
田 tian Tien Tin
董 dong Tung Tong Tang
袁 yuan Yuen Yuan Woon
潘 pan Poon Phan Pun
于 yu Yü Yu Yue U
蒋 jiang Chiang Tseung Cheung
蔡 cai Tsai Choi Chua Tsoi Choy Chai
余 yu Yü Yu Yue Yee Ee
杜 du Tu To Toh Doo
叶 ye Yeh Ip Yip Yap Yeap
程 cheng Ching Cheng Chen
苏 su Soo So Sou Saw
魏 wei Ngai Wei Gui
吕 lü Lu Lyu Lui Lue Leu
丁 ding Ting Ding Teng
任 ren Jen Yam Yum Jin
沈 shen Shen Sham Shum Sim
姚 yao Yiu Yau Yao
卢 lu Lo Lou Loo Lu Lew
姜 jiang Chiang Keung Kang
崔 cui Tsui Tsuei Choi Chui
钟 zhong Chung Chong Cheong Zhong
谭 tan Tam Tan Taam Tham
陆 lu Luk Lu Loke Look
汪 wang Wong Ong Uong
范 fan Fan Faan Huan Pham
金 jin Chin Kam Kim King
石 shi Shih Shek Sek Chioh
廖 liao Liu Liau Leow Liew
贾 jia Chia Ka Kaa
夏 xia Hsia Ha Hah
韦 wei Wai Wei Wee
付 fu Fu Foo
傅 fu Fu Foo Poh
方 fang Fong Fang Hong Png
白 bai Pai Pak Baak Peh
邹 zou Tsou Chau Chow Chau
孟 meng Mang Meng Beng
熊 xiong Hsiung Hung Hong
秦 qin Chin Chun Tsun
邱 qiu Chiu Yau Yau Khoo Hiu Khu
丘 qiu Chiu Yau Khoo Hiu
江 jiang Chiang Kong Kang Kiang
尹 yin Yin Wan Wan Yoon
薛 xue Hsueh Sit Hsüeh Sieh
闫 yan Yen Yim
阎 yan Yen Yim
段 duan Tuan Tuen Duen
雷 lei Lei Lui Loi
侯 hou Hou Hau Hao
龙 long Lung Loong Long
史 shi Shih Sze See Sai
黎 li Lai Li Lay Le
贺 he Ho Hoh Hor
顾 gu Ku Koo Ko
毛 mao Mao Mo Moh
郝 hao Hao Kok Hok
龚 gong Kung Kung Kong Keng
邵 shao Shao Shiu Siu
万 wan Wan Maan Man Ban
钱 qian Chien Chin Chee Tsin
严 yan Yen Yim Giam
覃 qin Chin Tam Tan
武 wu Wu Mo Moh Boo
戴 dai Tai Tai Tay Dai
莫 mo Mo Mok Moh Bok
孔 kong Kung Hung Koong Khong
向 xiang Hsiang Heung Hiang
汤 tang Tang Tong Tong Thng
常 chang Chang Sheung Siang
温 wen Wen Wan Woon Boon
康 kang Kang Hong Khong
施 shi Shih Sze See Si
文 wen Wen Man Boon
牛 niu Niu Ngau
樊 fan Fan Faan
葛 ge Ko Kot Kot
邢 xing Hsing Ying Heng
安 an An On Ahn
齐 qi Chi Chai Tsai
易 yi Yi Yik Yick
乔 qiao Chiao Kiu Kew
伍 wu Wu Ng Ngoh Goh
庞 pang Pang Pong Phang
颜 yan Yen Ngan Gan Yan Nga
倪 ni Ni Ngai Nie Gay
庄 zhuang Chuang Chong Chng Cheng
聂 nie Nieh Nip Lip
章 zhang Chang Cheung Chong
鲁 lu Lu Lo Loo Lou
岳 yue Yueh Ngok Gak
翟 zhai Chai Chak Tsak Teh
殷 yin Yin Yan Yan
詹 zhan Chan Chim Chiam Jim
申 shen Shen San Sun
欧 ou Ou Au Ow Aw
耿 geng Keng Kang Kang
关 guan Kuan Kwan Kwan Guan
兰 lan Lan Laan Nan
焦 jiao Chiao Chiu Tsiu
俞 yu Yu Yü Yue U
左 zuo Tso Cho Chor
柳 liu Liu Lau Lau
甘 gan Kan Kam Gam
祝 zhu Chu Chuk Chok
包 bao Pao Pau Bau
宁 ning Ning Ling Neng
尚 shang Shang Sheung Siong
符 fu Fu Foo Phoo Hu
舒 shu Shu Shue Syu
阮 ruan Juan Yuen Yuen Nguyen
柯 ke Ko Kor Kwa Kuah
纪 ji Chi Kei Kee Ki
梅 mei Mei Mui Moy Bwee
童 tong Tung Tong Tung
凌 ling Ling Ling Leng
毕 bi Pi Pat Bat Pit
单 shan Shan Sin Sin
季 ji Chi Kwai Kuei
裴 pei Pei Pui Poi
霍 huo Huo Fok Hok
涂 tu Tu To Tou Thoo
成 cheng Cheng Shing Seng Sing
苗 miao Miao Miu
谷 gu Ku Kuk Kok
盛 sheng Sheng Shing Seng
曲 qu Chü Chu Kuk Khuk
翁 weng Weng Yung Ong Ung
冉 ran Jan Yim
骆 luo Lo Lok Lok
蓝 lan Lan Laam Nam
路 lu Lu Lo Lou
游 you Yu Yau Yew Iu
辛 xin Hsin San Sun Sin
靳 jin Chin Kan Kun
管 guan Kuan Koon Kwun Kun
柴 chai Chai Chaai Cha
解 xie Hsieh Kai Haai
仇 qiu Chiu Kau Kow
区 ou Ou Au Ao
朴 piao Pu Pok Park
查 zha Cha Cha Tsa Char
盖 ge Ko Koi
繁 po Po Pou
种 chong Chung Chung
翟 zhai Chai Chak
尉迟 yuchi Yuchi Wei-chih Wat-chi
欧阳 ouyang Ouyang Au-yeung Auyeung Ouyoung Owyang
司马 sima Ssu-ma Szema Sze-ma Sima
诸葛 zhuge Chu-ko Chuko Zhuge
上官 shangguan Shang-kuan Sheung-kwun Shangkuan
司徒 situ Ssu-tu Szeto Seetoh Sze-to Situ
东方 dongfang Tung-fang Tungfong
皇甫 huangfu Huang-fu Wong-po
慕容 murong Mu-jung Mou-yung
令狐 linghu Ling-hu
公孙 gongsun Kung-sun Kungsun
夏侯 xiahou Hsia-hou Ha-hau
长孙 zhangsun Chang-sun
宇文 yuwen Yu-wen Yuwen
端木 duanmu Tuan-mu Tuen-muk
轩辕 xuanyuan Hsuan-yuan
"""


@functools.lru_cache(maxsize=1)
def surname_table() -> dict[str, tuple[str, tuple[str, ...]]]:
    """hanzi -> (name reading in pinyin, spellings in use); built once from _TABLE."""
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line in _TABLE.strip().splitlines():
        hanzi, reading, *spellings = line.split()
        if hanzi in table:
            continue
        seen: list[str] = []
        for spelling in spellings:
            if spelling not in seen:
                seen.append(spelling)
        table[hanzi] = (reading, tuple(seen))
    return table


@functools.lru_cache(maxsize=1)
def compound_surnames() -> tuple[str, ...]:
    return tuple(h for h in surname_table() if len(h) > 1)


def split_name(name: str) -> tuple[str, str]:
    """'欧阳修' -> ('欧阳', '修'); '林志恒' -> ('林', '志恒'). Expects Simplified script."""
    for compound in compound_surnames():
        if name.startswith(compound) and len(name) > len(compound):
            return compound, name[len(compound):]
    return name[:1], name[1:]


def is_surname(hanzi: str) -> bool:
    return hanzi in surname_table()
