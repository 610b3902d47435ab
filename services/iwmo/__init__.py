"""The iWmo 3.2 gateway: the municipality's exchange of iWmo XML messages with care providers."""
