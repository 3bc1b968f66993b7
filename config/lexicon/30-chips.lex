# Chipsets.  Each template writes the canonical name (README.md,
# "Canonical names"): the model as the chip's maker writes it, without
# the maker's own name in front: "Snapdragon 8+ Gen 1" (a space before
# the generation number, "8+" kept, "7s" lower case), "Dimensity 9300+",
# "Exynos 2400e", "Tensor G4", "A17 Pro", "M3 Max".  Trademark signs,
# "Mobile Platform", "chip", "chipset", "processor", "SoC", "Bionic",
# "Fusion", "SiP" and a network word ("5G") are not part of the name.
# "Snapdragon 8 Gen 3 for Galaxy" is the same die, clocked higher: it is
# "Snapdragon 8 Gen 3" (the words after the name are simply left alone,
# so "for Galaxy S24" still names the phone).
#
# Every line starts with a maker or family word or (Apple) the chip's own
# letter, so the scanner tries these lines only at words starting with A,
# D, E, G, H, K, M, Q, S, T or U.  A family word alone ("a Snapdragon
# chip", "Exynos") is no chip.

# Trademark signs between words: ® ™ (UTF-8) or (R) (TM).
define CHIP_TM (?:\s*(?:\xC2\xAE|\xE2\x84\xA2|\((?:R|TM)\)))?
# "Qualcomm Snapdragon", "Snapdragon®", "Snapdragon8", "SD 8", "SD865".
define CHIP_QC (?:Qualcomm{CHIP_TM}\s+)?(?:Snapdragon{CHIP_TM}\s*|(?-i:SD)\s?)
# A network word after the model: the same chip.
define CHIP_NET (?:\s+[45]G(?![\s-]*(?:modem|Modem-RF)))?

# Qualcomm Snapdragon.  "8 Gen 3", "8+ Gen 1", "8 Plus Gen 1", "8s Gen 3",
# "7c+ Gen 3", "8cx Gen 3", "8 Gen3", "8 Gen-2", "SD 8G2".
chip Qualcomm {CHIP_QC}(\d)(?:\s*(\+|Plus)|(s|cx|c\+?))?\s*(?:Gen\.?\s*-?\s*|G(?=\d))(\d){CHIP_NET} => Snapdragon $1${2:++:}\L$3\E Gen $4
# "8 Elite", "8 Elite Gen 5".
chip Qualcomm {CHIP_QC}(\d)\s*Elite(?:\s*Gen\s*(\d))?{CHIP_NET} => Snapdragon $1 Elite${2:+ Gen $2:}
# "888+", "855 Plus", "765G", "778G+", "695 5G".  Not 100-199: no phone
# chip, and "SD 128" is a memory card; "the Snapdragon 800 series" is a
# family.
chip Qualcomm {CHIP_QC}([2-8]\d\d)(G)?(?:\s*(\+)|\s+(Plus))?{CHIP_NET}(?![\s-]+(?:series|family|line-?up|range|tier)(?![A-Za-z])) => Snapdragon $1${2:+G:}${3:++:}${4:++:}
# Part numbers: "QSD8250", "MSM8960", "APQ8064", "SDM845", "SM8550".
chip Qualcomm (?:Qualcomm{CHIP_TM}\s+)?(?-i:(QSD|MSM|APQ|SDM|SM)(\d{3,4})([A-Z]{0,3})) => $1$2$3
# Laptop chips: "8cx", "7c" (the first generation has no "Gen"),
# "X Elite", "X Plus", "X2 Elite", "X2 Elite Extreme".  "X70", "X75" are
# modems: no chip.
chip Qualcomm {CHIP_QC}(\d)(cx|c\+?) => Snapdragon $1\L$2
chip Qualcomm {CHIP_QC}X(\d)?\s*(Elite|Plus)(?:\s+(Extreme))? => Snapdragon X$1 \L\u$2\E${3:+ Extreme:}
# Watches and headsets: "W5+ Gen 1", "Wear 4100+", "XR2 Gen 2", "AR1 Gen 1".
chip Qualcomm {CHIP_QC}(W|AR|XR)(\d)(\+)?(?:\s*Gen\s*(\d))? => Snapdragon \U$1\E$2$3${4:+ Gen $4:}
chip Qualcomm {CHIP_QC}Wear\s*(\d{4})(\+)? => Snapdragon Wear $1$2

# MediaTek.  "Dimensity 9400+", "9300 Plus", "9400e", "7300X",
# "8300-Ultra", "8200 Ultimate", "7300 Energy", "7350 Pro", "1200-AI"
# ("Max", "Energy", "Pro" capitalised: "the 7300 energy efficiency").
chip MediaTek (?:MediaTek{CHIP_TM}\s+)?Dimensity{CHIP_TM}\s*(\d{3,4})(?:\s*(\+)|\s+(Plus)|(?-i:(e|X)))?(?:[\s-]*(Ultra|Ultimate|(?-i:Max|Energy|Pro))|-(AI))?{CHIP_NET} => Dimensity $1${2:++:}${3:++:}$4${5:+ \L\u$5\E:}${6:+ AI:}
# "Helio G99", "G85", "P35", "A22", "X20", "G90T", "G99-Ultra".
chip MediaTek (?:MediaTek{CHIP_TM}\s+)?Helio{CHIP_TM}\s*([AGPX])\s*(\d{2,3})(T)?(?:[\s-]*(Ultra|Ultimate))? => Helio \U$1$2$3\E${4:+ \L\u$4\E:}
# Kompanio (tablets, Chromebooks): "Kompanio 1300T", "Kompanio Ultra 910".
chip MediaTek (?:MediaTek{CHIP_TM}\s+)?Kompanio{CHIP_TM}\s*(?:(\d{3,4})([A-Z])?|Ultra(?:\s+(\d{3}))?) => Kompanio ${1:+$1\U$2\E:Ultra${3:+ $3:}}
# Part numbers: phones MT67xx-MT69xx, tablets MT81xx-MT87xx ("MT6765",
# "MT6833V").
chip MediaTek (?:MediaTek{CHIP_TM}\s+)?(?-i:MT)\s?((?:6[789]|8[1-7])\d\d)((?-i:[A-Z]{1,2}))? => MT$1$2

# Samsung Exynos: "Exynos 2400e", "Exynos 9825", "Exynos W930", "Exynos
# W1000".  "Exynos Modem 5300" is a modem: the number must follow.
chip Samsung (?:Samsung{CHIP_TM}\s+)?Exynos{CHIP_TM}\s*(W)?(\d{3,4})(?-i:(e))?{CHIP_NET} => Exynos \U$1\E$2$3
# The 2012-2015 names: "Exynos 4 Quad", "Exynos 5 Dual", "Exynos 7 Octa";
# and the part numbers before the name: "S5PC110", "S5PV210".
chip Samsung (?:Samsung{CHIP_TM}\s+)?Exynos{CHIP_TM}\s*(\d)\s+(Single|Dual|Quad|Hexa|Octa) => Exynos $1 \L\u$2
chip Samsung (?:Samsung{CHIP_TM}\s+)?(?-i:S5P([CV]\d{3})) => S5P$1

# Google Tensor: "Tensor G4"; the first one is "Google Tensor", or
# "Tensor" with "chip", "SoC"... after it.  "TensorFlow", "tensor cores",
# "Tensor Cores", "Google Tensor Processing Units" are no chips.
chip Google (?:Google{CHIP_TM}\s+)?Tensor{CHIP_TM}\s*(G\d{1,2}) => Tensor \U$1
chip Google Google{CHIP_TM}\s+(?-i:Tensor)(?![\s-]+(?:Processing|chips|processors|SoCs|cores|units|TPU)) => Tensor
chip Google (?-i:Tensor)(?=[\s-]+(?:chip|chipset|processor|SoC|powered)(?![A-Za-z])) => Tensor

# HiSilicon Kirin: "Kirin 9000S", "Kirin 9010", "Kirin 990 5G" (the 990),
# "Kirin 710F", "Kirin T90A" (tablets), "Kirin A2" (wearables).
chip HiSilicon (?:(?:HiSilicon|Huawei){CHIP_TM}\s+)?Kirin{CHIP_TM}\s*(?:([TA])(\d{1,3})|(\d{3,4}))((?-i:[A-Z]{1,2}|s))?{CHIP_NET} => Kirin \U$1$2$3$4

# Unisoc: "Unisoc T606", "Tiger T618", "Unisoc T7250", "Tanggula T770",
# and part numbers "SC9863A", "SC7731E".
chip Unisoc (?:Unisoc{CHIP_TM}\s+(?:(?:Tiger|Tanggula)\s+)?|(?:Tiger|Tanggula)\s+)(T\d{3,4}) => Unisoc \U$1
chip Unisoc (?:Unisoc{CHIP_TM}\s+)?(?-i:SC)((?:98|77)\d\d(?-i:[A-Z])?) => SC$1

# Apple's A, M and S chips.  "Galaxy A54", "Sony A7 IV", "M2 motorway",
# "A14 road" are no chips, so a bare "A17" or "M2" needs Apple before it,
# or after it: Pro/Max/Ultra (A only from A17 on, so "Oppo A5 Pro" is
# not one), Bionic/Fusion, chip/chipset/processor/SoC/SiP/silicon,
# "-powered"/"-based", or (M chips) the Mac or iPad it is in ("the M4
# iPad Pro").  "Bionic", "Fusion" and "SiP" are left out of the name.
# ARM's cores are no chips: "Cortex-A8" is skipped whole, so its "A8" is
# not Apple's ("a Cortex-A15 processor").
ignore (?:ARM\s+)?Cortex-?[AXRM]\d{1,3}
define CHIP_APPLE_AFTER (?=[\s-]+(?:chips?|chipsets?|processors?|SoCs?|SiP|silicon|powered|based|equipped)(?![A-Za-z]))
chip Apple Apple(?:'s|’s)?{CHIP_TM}\s+(?-i:([AMS])(\d{1,2})([XZ]?))(?:\s+(Pro|Max|Ultra))?(?:\s+(?:Bionic|Fusion|SiP))? => $1$2$3${4:+ \L\u$4\E:}
chip Apple (?-i:A(1[7-9]|2\d))\s+Pro(?:\s+Bionic)? => A$1 Pro
chip Apple (?-i:A([4-9]|[12]\d)([XZ]?))\s+(?:Bionic|Fusion) => A$1$2
chip Apple (?-i:A1[02][XZ]) => $0
chip Apple (?-i:M([1-9]))\s+(Pro|Max|Ultra) => M$1 \L\u$2
# A bare one in a list whose later member is one: "the A18 and A18
# Pro", "the M3, M3 Pro and M3 Max", "the A16, A17 and A18 chips".
define CHIP_APPLE_LIST (?=(?:(?:\s*,|\s+(?:and|or|vs\.?|&))\s+(?:the\s+)?(?-i:(?:A(?:[4-9]|[12]\d)|M[1-9])[XZ]?))+(?:\s+(?:Pro|Max|Ultra|Bionic|Fusion)(?![A-Za-z])|{CHIP_APPLE_AFTER}))
chip Apple (?-i:A([4-9]|[12]\d)([XZ]?))(?:{CHIP_APPLE_AFTER}|{CHIP_APPLE_LIST}) => A$1$2
chip Apple (?-i:M([1-9]))(?:{CHIP_APPLE_AFTER}|{CHIP_APPLE_LIST}) => M$1
chip Apple (?-i:M([1-9]))(?=\s+(?:iPad|iMac|Mac|MacBook|Vision)s?(?![A-Za-z])) => M$1
# ... or in parentheses after it, as Apple names them: "iPad Air (M3)",
# "MacBook Air (13-inch, M2, 2022)", "MacBook Pro (14-inch, M3, Nov 2023)".
chip Apple (?-i:M([1-9]))(?:\s+(Pro|Max|Ultra))?(?=\)|,\s*(?:[A-Z][a-z]+\s+)?20\d\d\)) => M$1${2:+ \L\u$2\E:}
# Watch chips: "S9 SiP", "S3 with dual-core processor" (Apple's spec
# sheets).
chip Apple (?-i:S([1-9]|10))(?=\s+(?:SiP|chip|SoC|with\s+(?:64-bit\s+)?dual-core)(?![A-Za-z])) => S$1
