# Companies named alone.  A phone maker named in a sentence without one
# of its devices makes that sentence about that maker: its claims do not
# go to another maker's device.
brand Xiaomi Xiaomi|Redmi|POCO
brand Samsung Samsung
brand Apple Apple
brand Google Google
brand OnePlus OnePlus
brand OPPO Oppo
brand vivo vivo|iQOO
brand realme realme
brand HUAWEI Huawei
brand HONOR (?-i:Honor|HONOR)
brand Motorola Motorola
brand Sony Sony
brand Sharp (?-i:Sharp)
brand Panasonic Panasonic
brand Nokia Nokia|(?-i:HMD)
brand Asus Asus
brand ZTE (?-i:ZTE)|Nubia
brand Transsion Tecno|Infinix
brand Meizu Meizu
brand Lenovo Lenovo
brand Fairphone Fairphone

# Chip makers: a chip's own unveiling is theirs, not a phone's launch.
chipmaker Qualcomm Qualcomm
chipmaker MediaTek MediaTek
chipmaker Unisoc Unisoc
chipmaker HiSilicon HiSilicon

# Camera makers that co-brand phone cameras.
camera Leica => Leica
camera (?:Carl\s+)?Zeiss => Zeiss
camera Hasselblad => Hasselblad
