"""iWmo XML on the wire: safe parsing, the official XSDs read at run time, and the data <-> XML mapping."""
