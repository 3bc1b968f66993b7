# Events and shopping holidays.  Their dates are not launch dates (an
# event of the device's own maker is: see README.md), and the names are
# no devices or dates ("MWC 2024", "Galaxy Unpacked").
event Samsung Galaxy\s+Unpacked(?:\s+\d{4})?
event Apple WWDC(?:\s*'?\d{2,4})?
event Google Google\s+I/O(?:\s+\d{4})?
event Qualcomm Snapdragon\s+(?:Tech\s+)?Summit(?:\s+\d{4})?
event - MWC(?:\s+(?:Shanghai|Barcelona|Las\s+Vegas))?(?:\s+\d{4})?
event - Mobile\s+World\s+Congress(?:\s+\d{4})?
event - (?-i:CES)(?:\s+\d{4})?
event - (?-i:IFA)(?:\s+\d{4})?
event - Computex(?:\s+\d{4})?

holiday Singles(?:'|’)?\s*Day
holiday Double\s+(?:11|Eleven)
holiday 618\s+(?:sale|shopping\s+festival|festival)
holiday Black\s+Friday
holiday Cyber\s+Monday
holiday (?:Amazon\s+)?Prime\s+(?:Day|Big\s+Deal\s+Days)
holiday Diwali(?:\s+sale)?
holiday Big\s+Billion\s+Days?
holiday Great\s+Indian\s+Festival
holiday (?:Christmas|holiday)\s+(?:sale|season|shopping)

# Datelines are no claims: "Published on 2024-03-01".
ignore (?:date|dated|published|updated|posted)(?:\s+on)?\s*:?\s*{ISODATE}
