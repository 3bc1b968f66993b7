# Phone makers named alone come from the `maker` lines of
# 20-devices.lex: a maker named in a sentence without one of its devices
# makes that sentence about that maker, so its claims do not go to
# another maker's device.  `brand BRAND PATTERN` lines still add one.

# Chip makers: a chip's own unveiling is theirs, not a phone's launch.
chipmaker Qualcomm Qualcomm
chipmaker MediaTek MediaTek
chipmaker Unisoc Unisoc
chipmaker HiSilicon HiSilicon

# Camera makers that co-brand phone cameras.
camera Leica => Leica
camera (?:Carl\s+)?Zeiss => Zeiss
camera Hasselblad => Hasselblad
