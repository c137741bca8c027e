// The decoders land here with the sources issue.
