"""The fourteen iWmo 3.2 messages as plain data (frozen dataclasses), one field per XSD element, in XSD order.

Field names are the iWmo element names in snake_case (`ToewijzingNummer` is `toewijzing_nummer`), so a reader of
the official schemas finds every element; `services.iwmo.xml` maps them to and from XML. Nothing here does I/O.
"""
