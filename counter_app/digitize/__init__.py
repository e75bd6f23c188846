"""Số hoá (digitization): pages from a source → clean-up → one compact PDF per component.

Qt-free. `files` and `watch` read what the clerk imports or the copier drops in a folder,
`scanners` drives SANE (Linux) or WIA (Windows) behind one interface, `processing` deskews,
crops, rotates and flags blank pages, `pdf` assembles the PDF (bilevel pages in CCITT G4,
greyscale/colour in JPEG), `store` keeps it encrypted and content-addressed, `signing` adds a
PAdES signature from a PKCS#11 token or a PKCS#12 file.
"""
