"""Passports and other ICAO 9303 eMRTDs read by chip over PC/SC.

- `mrz`: the machine-readable zone (TD3 passports, TD1 cards), check digits,
  and the BAC key seed typed on a keypad or read from the data page.
- `sm`: secure messaging (ISO 7816-4 / ICAO 9303-11), 3DES and AES, both sides.
- `bac`: Basic Access Control key derivation and mutual authentication.
- `pace`: PACE with ECDH Generic Mapping (EF.CardAccess, the four General
  Authenticate steps), both sides.
- `lds`: the logical data structure: BER-TLV, EF.COM, DG1 (MRZ), DG2 (face).
- `passive_auth`: the SOD checked against its document signer and a CSCA list.
- `reader`: a chip read end to end over a `PcscReader`.
- `specimen` and `vpassport`: a signed specimen document and the virtual chip
  that serves it through vpcd (tests and demos).
"""
