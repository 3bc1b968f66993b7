/*
 * What extraction finds in one article and the store keeps: the devices
 * and chipsets named, and the claims made about them.  These are plain
 * data shared by extract/ (which fills them) and store/ (which saves
 * them), so neither has to know the other.
 */
#ifndef RM_RUMOR_H
#define RM_RUMOR_H

#include <stddef.h>

#include "common/date.h"

/* A device or chipset by its canonical name ("Xiaomi 14 Pro"). */
struct entity {
	char *name;  /* canonical name */
	char *brand; /* maker: "Xiaomi", "Qualcomm"; never NULL */
	char *type;  /* devices: "phone", "tablet", "watch"; NULL unknown */
	unsigned mentions; /* times named in the article */
};

/*
 * One claim about one subject: "Xiaomi 14" / "chipset" / "Snapdragon 8
 * Gen 3".  Launch claims carry the date in VALUE ("2024-01", at the
 * precision the text gives) and the market in QUALIFIER ("China",
 * "global") when the text states one.  A chipset's own unveiling is a
 * claim whose subject is the chipset and attribute "announce".
 */
struct claim {
	char *subject;   /* canonical device (or chipset) name */
	char *attribute; /* "chipset", "launch", "camera_partner", "os", ... */
	char *value;     /* canonical value */
	char *qualifier; /* region for launches, NULL when none */
	char *cue;       /* the sentence the claim came from */
	double certainty; /* how sure the cue sounds: 1 neutral, above 1
			     "confirmed", below 1 "could", "rumored"; 0
			     when not judged (counts as 1) */
};

struct rumor_set {
	struct entity *devices;
	size_t ndevices;
	struct entity *chipsets;
	size_t nchipsets;
	struct claim *claims;
	size_t nclaims;
};

void rumor_set_init(struct rumor_set *rs);
void rumor_set_free(struct rumor_set *rs);
/* Add an entity (copying the strings) or count one more mention of it. */
void rumor_set_add_device(struct rumor_set *rs, const char *name,
			  const char *brand);
void rumor_set_add_chipset(struct rumor_set *rs, const char *name,
			   const char *brand);
/*
 * Add a claim (copying the strings) unless an identical subject,
 * attribute, value and qualifier is already there.  QUALIFIER may be
 * NULL.  Returns the claim, new or existing.
 */
struct claim *rumor_set_add_claim(struct rumor_set *rs, const char *subject,
				  const char *attribute, const char *value,
				  const char *qualifier, const char *cue);
/* Set the type ("phone", "tablet", "watch") of the device NAME. */
void rumor_set_device_type(struct rumor_set *rs, const char *name,
			   const char *type);
const struct entity *rumor_set_find_device(const struct rumor_set *rs,
					   const char *name);

#endif
