# Chipsets.  The template writes the canonical name; "Gen 1" with a space,
# "8+" kept, the maker's prefix (Qualcomm, MediaTek) left out.
chip Qualcomm (?:Qualcomm\s+)?(?:Snapdragon|(?-i:SD))\s*(\d)\s*(\+|s)?\s*Gen\s*-?\s*(\d) => Snapdragon $1\L$2\E Gen $3
chip Qualcomm (?:Qualcomm\s+)?(?:Snapdragon|(?-i:SD))\s*(\d)\s*Elite => Snapdragon $1 Elite
chip Qualcomm (?:Qualcomm\s+)?(?:Snapdragon|(?-i:SD))\s*(\d{3})(\+)? => Snapdragon $1$2
chip MediaTek (?:MediaTek\s+)?Dimensity\s*(\d{3,4})\s*(?:\+|Plus) => Dimensity $1+
chip MediaTek (?:MediaTek\s+)?Dimensity\s*(\d{3,4})(?:[\s-]*(Ultra|Ultimate|Max))? => Dimensity $1${2:+ \L\u$2\E:}
chip MediaTek (?:MediaTek\s+)?Helio\s*([A-Z]\d{2,3}) => Helio \U$1
chip Samsung (?:Samsung\s+)?Exynos\s*(\d{3,4}) => Exynos $1
chip Google (?:Google\s+)?Tensor\s*(G\d) => Tensor \U$1
chip HiSilicon (?:HiSilicon\s+)?Kirin\s*(\d{3,4}[A-Z]?) => Kirin \U$1
chip Unisoc (?:Unisoc\s+(?:Tiger\s+)?|Tiger\s+)(T\d{3,4}) => Unisoc \U$1
# Apple's A and M chips: "Galaxy A54" is a phone, so a bare "A17" needs
# Apple before it or Pro/Max/Bionic/chip after it.
chip Apple (?-i)(?|Apple\s+([AM])(\d{1,2})(?:\s+(Pro|Max|Ultra))?(?:\s+Bionic)?|([AM])(\d{1,2})(?:\s+(Pro|Max|Ultra)(?:\s+Bionic)?|\s+Bionic|(?=\s+(?:chip|chipset|processor|SoC)))) => $1$2${3:+ $3:}
