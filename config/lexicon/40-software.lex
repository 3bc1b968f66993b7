# Operating systems and skins.  Matched before devices, so "iOS 17" or
# "Android 14" never read as a phone.
os HyperOS(?:\s*(\d(?:\.\d)?)(?!\.\d))? => HyperOS${1:+ $1:}
os MIUI(?:\s*(\d{1,2}))? => MIUI${1:+ $1:}
os One\s*UI(?:\s*(\d(?:\.\d)?))? => One UI${1:+ $1:}
os ColorOS(?:\s*(\d{1,2}))? => ColorOS${1:+ $1:}
os OxygenOS(?:\s*(\d{1,2}))? => OxygenOS${1:+ $1:}
os (?-i:iOS)\s*(\d{1,2}) => iOS $1
os (?-i:iPadOS)\s*(\d{1,2}) => iPadOS $1
os Android\s*(\d{1,2}) => Android $1
os HarmonyOS(?:\s*(?:NEXT|(\d(?:\.\d)?)))? => HarmonyOS${1:+ $1:}
os Funtouch\s*OS(?:\s*(\d{1,2}))? => Funtouch OS${1:+ $1:}
os OriginOS(?:\s*(\d{1,2}))? => OriginOS${1:+ $1:}
os MagicOS(?:\s*(\d{1,2}))? => MagicOS${1:+ $1:}
os realme\s+UI(?:\s*(\d(?:\.\d)?))? => realme UI${1:+ $1:}
