"""The headers barometre adds to the WARC records it writes, read back by its readers."""

BAROMETRE_SITE_HEADER = "Barometre-Site"  # the commune code, on records written by barometre
# why barometre fetched a response that is no page: "stylesheet" (archived for the viewer only)
BAROMETRE_ROLE_HEADER = "Barometre-Role"


# On a revisit record written by barometre: "<file name>@<offset>" of the record it refers to
# (a file of the same folder), so that a reader finds the original without an index.
BAROMETRE_REFERS_TO_HEADER = "Barometre-Refers-To-Record"
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
