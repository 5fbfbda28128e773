"""Writes normalization.txt: the Unicode tables Maas.Tokenizers needs for NFC/NFD/NFKC/NFKD.

.NET's string.Normalize is a no-op under InvariantGlobalization (which the repository sets), so the
tokenizer carries its own tables. Run with Debian's python3 (unicodedata 14.0.0):
    /usr/bin/python3 make_normalization_data.py > normalization.txt
Lines (hex code points):
    c <cp> <ccc>            canonical combining class (non-zero only)
    d <cp> <cp> ...         full canonical decomposition (NFD of the single char)
    k <cp> <cp> ...         full compatibility decomposition, only where it differs from d
    p <first> <second> <cp> primary composite: NFC recomposes first+second into cp
Hangul syllables are algorithmic and left out.
"""
import sys
import unicodedata as u

out = sys.stdout
out.write(f"# unicodedata {u.unidata_version}\n")
for cp in range(0x110000):
    if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
        continue
    ch = chr(cp)
    ccc = u.combining(ch)
    if ccc:
        out.write(f"c {cp:X} {ccc}\n")
    nfd = u.normalize("NFD", ch)
    if nfd != ch:
        out.write("d " + f"{cp:X} " + " ".join(f"{ord(c):X}" for c in nfd) + "\n")
    nfkd = u.normalize("NFKD", ch)
    if nfkd != nfd:
        out.write("k " + f"{cp:X} " + " ".join(f"{ord(c):X}" for c in nfkd) + "\n")
    dec = u.decomposition(ch)
    if dec and not dec.startswith("<"):
        parts = [int(p, 16) for p in dec.split()]
        if len(parts) == 2 and u.normalize("NFC", chr(parts[0]) + chr(parts[1])) == ch:
            out.write(f"p {parts[0]:X} {parts[1]:X} {cp:X}\n")
