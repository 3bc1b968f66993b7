# Phones: brand + model.  A device line matches the core of a name; the
# template gives its canonical form (see README.md); suffix words after
# it ("Pro Max") are added from the suffix lines.

# Xiaomi and its sub-brands (Redmi, POCO write their own brand first).
device Xiaomi Xiaomi\s+(\d{1,2}[ST]?) => Xiaomi \U$1
device Xiaomi Xiaomi\s+Civi\s*(\d) => Xiaomi Civi $1
device Xiaomi Xiaomi\s+Mix\s*(Fold|Flip)\s*(\d)? => Xiaomi MIX \L\u$1\E${2:+ $2:}
device Xiaomi Redmi\s+(Note\s+)?([KA]?\d{1,2}[CTS]?) => Redmi ${1:+Note :}\U$2
device Xiaomi Redmi\s+Turbo\s*(\d) => Redmi Turbo $1
device Xiaomi POCO\s+([FXMC]\d{1,2}) => POCO \U$1

# Samsung writes "Galaxy S24+", "Galaxy Z Fold5".
device Samsung (?:Samsung\s+)?Galaxy\s+([SAMF])(\d{1,3}) => Samsung Galaxy \U$1$2
device Samsung (?:Samsung\s+)?Galaxy\s+Z\s*(Fold|Flip)\s*(\d) => Samsung Galaxy Z \L\u$1\E$2
device Samsung (?:Samsung\s+)?Galaxy\s+Note\s*(\d{1,2}) => Samsung Galaxy Note$1

device Apple (?:Apple\s+)?iPhone\s*(\d{1,2})(e)? => Apple iPhone $1\L$2
device Apple (?:Apple\s+)?iPhone\s*(SE|XS|XR|X) => Apple iPhone \U$1

device Google (?:Google\s+)?Pixel\s+(\d{1,2})(a)? => Google Pixel $1\L$2
device Google (?:Google\s+)?Pixel\s+Fold => Google Pixel Fold

device OnePlus OnePlus\s+(\d{1,2}[RT]?) => OnePlus \U$1
device OnePlus OnePlus\s+Nord\s+(CE\s*)?(\d) => OnePlus Nord ${1:+CE :}$2
device OnePlus OnePlus\s+Open => OnePlus Open

# "Nothing" is an English word: only with "Phone" and a number.
device Nothing (?-i:Nothing)\s+Phone\s*(?:\(\s*(\d)(a)?\s*\)|(\d)(a)?) => Nothing Phone ($1$3\L$2$4)

device OPPO (?:OPPO\s+)?Find\s+([XN]\d{1,2}) => OPPO Find \U$1
device OPPO OPPO\s+Reno\s*(\d{1,2}) => OPPO Reno$1
device vivo vivo\s+(X\d{2,3}|X\s*Fold\s*\d?) => vivo \U$1
device vivo iQOO\s+(\d{1,2}|Neo\s*\d|Z\d) => iQOO $1
device realme realme\s+(\d{1,2}|GT\s*\d|GT\s*Neo\s*\d) => realme \U$1
device HUAWEI Huawei\s+(Mate|Pura|Nova)\s*(\d{1,2}) => HUAWEI \L\u$1\E $2
device HUAWEI Huawei\s+P\s*(\d{2}) => HUAWEI P$1
device HONOR (?-i:Honor|HONOR)\s+Magic\s*(\d) => HONOR Magic$1
device HONOR (?-i:Honor|HONOR)\s+(\d{2,3}) => HONOR $1
device Motorola (?:Motorola\s+)?Moto\s+([GE])\s*(\d{1,3}) => Motorola Moto \U$1$2
device Motorola Motorola\s+(Edge|Razr)(?:\s+(\d{2}))? => Motorola \L\u$1\E${2:+ $2:}
device Sony (?:Sony\s+)?Xperia\s+(1|5|10)\s+(I{1,3}|IV|VI|V) => Sony Xperia $1 \U$2
device Asus (?:Asus\s+)?ROG\s+Phone\s*(\d) => ASUS ROG Phone $1
device Asus (?:Asus\s+)?Zenfone\s*(\d{1,2}) => ASUS Zenfone $1

# Words after a model number.  Longest first: the first that matches wins.
suffix Pro\s*(?:\+|Plus) => Pro+
suffix Pro => Pro
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
suffix Edge => Edge
# Network variants are the same model: recognised, left out of the name.
suffix [45]G => -

# "Xiaomi 14 series" names the family: the device is "Xiaomi 14".
series series|line-?up|family|range

# A number that counts something is no model: "Xiaomi 14 million".
notafter million|billion|thousand|percent|per\s*cent|%|mAh|GB|TB|MP|Hz|nits|W|watts?|inch(?:es)?|years?|months?|weeks?|days?|hours?|minutes?
