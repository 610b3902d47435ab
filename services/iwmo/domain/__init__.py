"""The gateway's pure domain: business rules with their WJ001 retour codes, and the records it keeps."""
