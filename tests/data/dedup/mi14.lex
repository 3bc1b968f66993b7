# Older Xiaomi naming, for the alias test: "Mi 14" is a device name of
# its own until aliases.conf folds it into "Xiaomi 14".
device Xiaomi Mi\s+(1[2-9]) => Mi $1
