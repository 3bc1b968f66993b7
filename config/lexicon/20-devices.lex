# Phones, tablets and watches: a grammar over data (see README.md,
# "Device names").  A name is [MAKER] LINE MODEL [SUFFIX...]:
#
#   maker BRAND NAME...             the names a maker goes by
#   name BRAND SHAPE WORD... => TEMPLATE
#                                   one product line: its words, the
#                                   shape of its model token, and the
#                                   canonical name ('#' is the model)
#
# Shapes: num ("14", "12S", "8a", "5.3", "(2a)"), code ("S24", "A55",
# "X100"), word:A|B (one of these words), none (the line is the name).
# "num?" or "code?": the line alone is a name too.  Flags after a comma:
# maker (only after the maker's name: "vivo Y36", not "Y36"), roman (a
# roman numeral may follow: "Xperia 1 V"), upper or lower (the case of
# letters after the digits, as the maker writes them: "13T", "8a").  A word written "=Word" keeps
# its case ("Nothing", "Honor", "Mi").  Model numbers are shapes, not
# lists: "Galaxy S27 Edge" is found before anyone announces it.

# ---- Makers.  The first argument is the brand stored with a device.
maker Samsung Samsung
maker Apple Apple
maker Google Google
maker Xiaomi Xiaomi Redmi POCO
maker OnePlus OnePlus
maker OPPO Oppo
maker vivo vivo iQOO
maker realme realme
maker HUAWEI Huawei
maker HONOR =Honor =HONOR
maker Motorola Motorola
maker Sony Sony
maker Nokia Nokia
maker HMD =HMD HMD_Global
maker LG =LG
maker ASUS Asus
maker ZTE =ZTE nubia
maker Nothing =Nothing
maker Sharp =Sharp =SHARP
maker Panasonic Panasonic
maker TCL =TCL
maker Tecno Tecno
maker Infinix Infinix
maker itel =itel
maker Meizu Meizu
maker Lenovo Lenovo
maker Fairphone Fairphone
maker HTC =HTC
maker Kyocera Kyocera
maker BlackBerry BlackBerry
maker Ulefone Ulefone
maker Doogee Doogee
maker Blackview Blackview
maker Oukitel Oukitel
maker Cubot Cubot
maker Umidigi Umidigi
maker CAT =CAT
maker Alcatel Alcatel
maker Micromax Micromax
maker Lava =Lava
maker Essential =Essential
maker Microsoft Microsoft
maker Amazon Amazon
maker Garmin Garmin
maker Fossil Fossil
maker BLU =BLU
maker Razer Razer
maker Pebble Pebble
maker Unihertz Unihertz
maker Vertu Vertu

# ---- Samsung: "Galaxy S24", "Galaxy Z Fold5", "Galaxy Tab S9 FE".
name Samsung code Galaxy => Samsung Galaxy #
name Samsung num Galaxy Z Fold => Samsung Galaxy Z Fold#
name Samsung num Galaxy Z Flip => Samsung Galaxy Z Flip#
name Samsung num? Galaxy Fold => Samsung Galaxy Fold#
name Samsung num Galaxy Note => Samsung Galaxy Note#
name Samsung code Galaxy Note => Samsung Galaxy Note #
name Samsung code Galaxy Tab => Samsung Galaxy Tab #
name Samsung num? Galaxy Tab Active => Samsung Galaxy Tab Active#
name Samsung num? Galaxy Watch => Samsung Galaxy Watch#
name Samsung num Galaxy XCover => Samsung Galaxy XCover#
name Samsung none Galaxy Ring => Samsung Galaxy Ring
name Samsung code Gear => Samsung Gear #
name Samsung word:II|III|IV Galaxy S => Samsung Galaxy S #
name Samsung word:II|III Galaxy Note => Samsung Galaxy Note #
name Samsung none Galaxy Nexus => Samsung Galaxy Nexus

# ---- Apple.
name Apple num,lower iPhone => Apple iPhone #
name Apple word:X|XR|XS|SE iPhone => Apple iPhone #
name Apple none iPhone Air => Apple iPhone Air
name Apple word:3G|3GS iPhone => Apple iPhone #
name Apple num iPhone SE => Apple iPhone SE #
name Apple num iPad => Apple iPad #
name Apple num? iPad Pro => Apple iPad Pro #
name Apple num? iPad Air => Apple iPad Air #
name Apple num? =iPad =mini => Apple iPad mini #
name Apple num Apple Watch Series => Apple Watch Series #
name Apple num Watch Series => Apple Watch Series #
name Apple num? Apple Watch Ultra => Apple Watch Ultra #
name Apple num? Apple Watch SE => Apple Watch SE #

# ---- Google.
name Google num,lower Pixel => Google Pixel #
name Google word:XL Pixel => Google Pixel #
name Google none Pixel Fold => Google Pixel Fold
name Google none Pixel Tablet => Google Pixel Tablet
name Google num? Pixel Watch => Google Pixel Watch #
name Google num,upper Nexus => Google Nexus #

# ---- Xiaomi, Redmi, POCO (sub-brands lead their own names).
name Xiaomi num,maker,upper => Xiaomi #
name Xiaomi num,upper =Mi => Mi #
name Xiaomi code =Mi => Mi #
name Xiaomi num =Mi Note => Xiaomi Mi Note #
name Xiaomi num Civi => Xiaomi Civi #
name Xiaomi num? Mix Fold => Xiaomi MIX Fold #
name Xiaomi num? Mix Flip => Xiaomi MIX Flip #
name Xiaomi num,maker Mix => Xiaomi MIX #
name Xiaomi num =Mi Mix => Xiaomi Mi MIX #
name Xiaomi num,maker Pad => Xiaomi Pad #
name Xiaomi num,maker Watch => Xiaomi Watch #
name Xiaomi num,upper Redmi => Redmi #
name Xiaomi code,upper Redmi => Redmi #
name Xiaomi num,upper Redmi Note => Redmi Note #
name Xiaomi num Redmi Turbo => Redmi Turbo #
name Xiaomi num? Redmi Pad => Redmi Pad #
name Xiaomi num Redmi Watch => Redmi Watch #
name Xiaomi code,upper POCO => POCO #
name Xiaomi num? POCO Pad => POCO Pad #

# ---- OnePlus.
name OnePlus num,maker,upper => OnePlus #
name OnePlus num,upper Nord => OnePlus Nord #
name OnePlus code Nord => OnePlus Nord #
name OnePlus num? Nord CE => OnePlus Nord CE #
name OnePlus none,maker Nord => OnePlus Nord
name OnePlus none OnePlus Open => OnePlus Open
name OnePlus num,maker Ace => OnePlus Ace #
name OnePlus num?,maker Pad => OnePlus Pad #
name OnePlus num?,maker Watch => OnePlus Watch #

# ---- OPPO, vivo, iQOO, realme.
name OPPO code =Find => OPPO Find #
name OPPO num Reno => OPPO Reno#
name OPPO code,maker => OPPO #
name OPPO num?,maker Pad => OPPO Pad #
name OPPO num Reno Ace => OPPO Reno Ace #
name OPPO num,maker Find => OPPO Find #
name vivo code,maker,lower => vivo #
name vivo num? X Fold => vivo X Fold#
name vivo num iQOO => iQOO #
name vivo code iQOO => iQOO #
name vivo num iQOO Neo => iQOO Neo #
name vivo num?,maker Pad => vivo Pad #
name realme num,maker => realme #
name realme code,maker => realme #
name realme num,maker GT => realme GT #
name realme num,maker GT Neo => realme GT Neo #
name realme num Narzo => realme Narzo #
name realme code Narzo => realme Narzo #

# ---- HUAWEI and HONOR.
name HUAWEI num =Mate => HUAWEI Mate #
name HUAWEI code =Mate => HUAWEI Mate #
name HUAWEI none =Mate XT => HUAWEI Mate XT
name HUAWEI num Pura => HUAWEI Pura #
name HUAWEI code,maker => HUAWEI #
name HUAWEI num =nova => HUAWEI nova #
name HUAWEI num,maker Nova => HUAWEI nova #
name HUAWEI num? MatePad => HUAWEI MatePad #
name HUAWEI code? MediaPad => HUAWEI MediaPad #
name HUAWEI num,maker Enjoy => HUAWEI Enjoy #
name HUAWEI code Ascend => HUAWEI Ascend #
name HUAWEI num,maker Watch => HUAWEI WATCH #
name HUAWEI num Watch GT => HUAWEI WATCH GT #
name HONOR num,maker => HONOR #
name HONOR code,maker,lower => HONOR #
name HONOR num =Magic => HONOR Magic#
name HONOR code,maker Magic => HONOR Magic #
name HONOR num?,maker Pad => HONOR Pad #
name HONOR code,maker Pad => HONOR Pad #
name HONOR num,maker View => HONOR View #

# ---- Motorola: "moto g84", "moto g stylus 5G (2024)", "razr 50 ultra".
name Motorola code Moto => Motorola moto #
name Motorola num? Moto G => Motorola moto g#
name Motorola num? Moto E => Motorola moto e#
name Motorola num,maker Edge => Motorola edge #
name Motorola none,maker Edge => Motorola edge
name Motorola num? Razr => Motorola razr #
name Motorola num? Moto Razr => Motorola razr #
name Motorola none ThinkPhone => Motorola ThinkPhone
name Motorola code,maker Edge => Motorola edge #
name Motorola num? Droid Razr => Motorola DROID RAZR #
name Motorola num,maker One => Motorola one #
name Motorola word:Fusion|Vision|Action|Hyper|Macro|Zoom|Power,maker One => Motorola one #

# ---- Sony, ASUS, Nothing, Fairphone, Meizu.
name Sony num,roman Xperia => Sony Xperia #
name Sony code Xperia => Sony Xperia #
name Sony none Xperia Pro-I => Sony Xperia PRO-I
name ASUS num Zenfone => ASUS Zenfone #
name ASUS num ROG Phone => ASUS ROG Phone #
name ASUS num ZenFone Max => ASUS ZenFone Max #
name ASUS code ZenFone Max => ASUS ZenFone Max #
name ASUS code ZenFone Max Pro => ASUS ZenFone Max Pro #
name ASUS num ZenPad => ASUS ZenPad #
name ASUS code ZenPad => ASUS ZenPad #
name ASUS num ZenWatch => ASUS ZenWatch #
name Nothing num,maker Phone => Nothing Phone (#)
name Fairphone num,maker => Fairphone #
name Meizu num,maker => Meizu #

# ---- Nokia, HMD, LG, HTC, TCL.
name Nokia num,maker => Nokia #
name Nokia code,maker => Nokia #
name HMD word:Skyline|Pulse|Vibe|Fusion|Crest|Arc,maker => HMD #
name LG code,maker => LG #
name LG num,upper Optimus => LG Optimus #
name LG code Optimus => LG Optimus #
name LG none,maker Velvet => LG Velvet
name LG none,maker Wing => LG Wing
name LG num,maker Aristo => LG Aristo #
name LG num,maker Tribute => LG Tribute #
name LG num?,maker G Pad => LG G Pad #
name HTC code,maker => HTC #
name HTC num Desire => HTC Desire #
name HTC code Wildfire => HTC Wildfire #
name HTC word:X|XL|S|V|M7|M8|M9|A9|E8|Max,maker One => HTC One #
name TCL num,maker => TCL #
name TCL num?,maker Tab => TCL Tab #

# ---- ZTE and nubia.
name ZTE num Axon => ZTE Axon #
name ZTE code Blade => ZTE Blade #
name ZTE code nubia => nubia #
name ZTE num Red Magic => nubia Red Magic #
name ZTE num REDMAGIC => nubia Red Magic #
name ZTE num nubia Red Magic => nubia Red Magic #

# ---- Sharp, Tecno, Infinix, itel, Lenovo.
name Sharp code AQUOS => Sharp AQUOS #
name Sharp num AQUOS sense => Sharp AQUOS sense#
name Sharp num AQUOS wish => Sharp AQUOS wish#
name Sharp num? AQUOS zero => Sharp AQUOS zero#
name Tecno num Camon => Tecno Camon #
name Tecno num,maker Spark => Tecno Spark #
name Tecno code Phantom => Tecno Phantom #
name Tecno num,maker Pova => Tecno POVA #
name Tecno num,maker Pop => Tecno POP #
name Infinix num,maker Hot => Infinix HOT #
name Infinix num,maker Note => Infinix NOTE #
name Infinix num,maker Zero => Infinix ZERO #
name Infinix num,maker Smart => Infinix Smart #
name Infinix num,maker GT => Infinix GT #
name itel code,maker => itel #
name Lenovo code,maker Legion => Lenovo Legion #
name Lenovo code,maker Tab => Lenovo Tab #
name Lenovo code,maker => Lenovo #

# ---- Others.
name Panasonic none,maker Eluga => Panasonic ELUGA
name Panasonic code,maker Eluga => Panasonic ELUGA #
name BlackBerry word:Priv|Motion,maker => BlackBerry #
name BlackBerry num,maker KEY => BlackBerry KEY#
name BlackBerry num DTEK => BlackBerry DTEK#
name Kyocera num,maker DuraForce Pro => Kyocera DuraForce Pro #
name Kyocera code,maker Torque => Kyocera Torque #
name Kyocera code,maker DIGNO => Kyocera DIGNO #
name Razer num?,maker Phone => Razer Phone #
name BLU code,maker => BLU #
name BLU code,maker View => BLU View #
name BLU num,maker View => BLU View #
name BLU code,maker Studio => BLU Studio #
name BLU code,maker Bold => BLU Bold #
name BLU code,maker Vivo => BLU Vivo #
name BLU code,maker Vivo XL => BLU Vivo XL#
name Lava code,maker => Lava #
name Lava code,maker Agni => Lava Agni #
name Lava num,maker Agni => Lava Agni #
name Umidigi code,maker => Umidigi #
name Umidigi num,maker Power => Umidigi Power #
name Umidigi code,maker Bison => Umidigi Bison #
name Cubot code,maker => Cubot #
name Cubot num,maker KingKong => Cubot KingKong #
name Cubot num,maker KingKong Mini => Cubot KingKong Mini #
name Cubot num,maker Note => Cubot Note #
name Cubot num,maker Tab => Cubot Tab #
name Pebble num,maker => Pebble #
name Pebble num?,maker Time => Pebble Time #
name Unihertz word:Jelly|Atom|Titan|Tank,maker => Unihertz #
name Ulefone code,maker Armor => Ulefone Armor #
name Ulefone num,maker Armor => Ulefone Armor #
name Doogee code,maker => Doogee #
name Blackview code,maker => Blackview #
name Oukitel code,maker => Oukitel #
name CAT code,maker => CAT #
name CAT code =Cat => CAT #
name Alcatel num,maker => Alcatel #
name Garmin num? Fenix => Garmin fenix #
name Garmin num,maker Forerunner => Garmin Forerunner #
name Garmin num,maker Venu => Garmin Venu #
name Fossil none,maker Gen => Fossil Gen

# Words after a model number.  Longest first: the first that matches wins.
# A template starting with '+' is glued on; '-' means recognised and
# left out (network variants are the same model).
suffix Pro\s*(?:\+|Plus) => Pro+
suffix Pro(?![ \t-]*(?:grade|level))\b => Pro
suffix Max => Max
suffix Ultra(?![ \t-]*wide) => Ultra
suffix Plus => Plus
suffix \+ => +
suffix FE => FE
suffix XL => XL
suffix Lite => Lite
suffix mini => mini
suffix Neo => Neo
suffix Fold => Fold
suffix Flip => Flip
suffix Edge(?![ \t-]*(?:to|panel|display|light)) => Edge
suffix SE => SE
suffix (?-i:GT) => GT
suffix Turbo => Turbo
suffix Play(?![ \t-]*(?:Store|Services|Protect)) => Play
suffix Power(?![ \t-]*(?:button|bank|efficien|consum|draw|sav|adapter|key|user|outage)) => Power
suffix Stylus => Stylus
suffix Fusion => Fusion
suffix Air => Air
suffix Prime(?![ \t-]*(?:Day|Video|member|deal)) => Prime
suffix Zoom(?![ \t-]*(?:lens|level|range|camera)) => Zoom
suffix Classic => Classic
suffix Active => Active
suffix Slim => Slim
suffix Infinity => Infinity
suffix ThinQ => ThinQ
suffix (?-i:X)(?!\s*\d) => X
suffix Explorer\s+Edition => Explorer Edition
suffix (?-i:Go)(?![ \t-]*(?:to|for|on|with|back)\b) => Go
suffix Speed => Speed
suffix Force => Force
suffix Optimo => Optimo
suffix Maxx => Maxx
suffix (?-i:Core) => Core
suffix (?-i:Star) => Star
suffix (?-i:Vita) => Vita
suffix (?-i:Smart) => Smart
suffix (?-i:FHD) => FHD
suffix Premium => Premium
suffix Compact => Compact
suffix Youth => Youth
suffix Ultimate => Ultimate
suffix Hypercharge => Hypercharge
suffix (?-i:HD) => HD
suffix (?-i:Note) => Note
suffix (?-i:Selfie) => Selfie
# A capital letter after the number: "Reno8 T", "Reno3 A", "Edge S".
suffix (?-i:[A-HJ-Z])(?![A-Za-z0-9.'’]) => =
# A year in parentheses tells models of one name apart: "iPhone SE (2022)".
suffix \(20[0-4]\d\) => =
suffix (?:19|20)[0-4]\d(?![\d/.-]|\s*(?:lineup|line-up|model|season|edition)) => =
# "(2nd generation)", "3rd Gen".
suffix \(?[1-9](?:st|nd|rd|th)[ \t-]+gen(?:eration)?\)? => =
# Network variants and other qualifiers are the same model.
suffix [45]G|LTE|NFC|Dual\s+SIM => -

# "Xiaomi 14 series" names the family: the device is "Xiaomi 14".
series series|line-?up|family|range|trio|duo

# A number that counts something is no model: "Xiaomi 14 million".
notafter million|billion|thousand|others?|more|percent|per\s*cent|%|mAh|GB|TB|MP|Hz|nits|W|watts?|inch(?:es)?|in\.|"|years?|months?|weeks?|days?|hours?|minutes?|seconds?|units?|people|users|countries|times|pounds|dollars|euros|USD|EUR|mm|cm|grams?
