# Messages of bantin's command line (src/main.rs), in English. See src/messages.rs.

cli-problems-found = { $count ->
    [one] 1 problem found
   *[other] { $count } problems found
}

## What the system says about a failed file operation (src/messages.rs `io_error`); English
## prints the system's own words, so these are only shown in other languages.
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-address-in-use = the address is already in use
io-is-a-directory = it is a folder, not a file
io-not-a-directory = it is not a folder
io-directory-not-empty = the folder is not empty
io-storage-full = the disk is full
io-read-only = the disk is read-only
io-invalid-data = the data is not valid
io-timed-out = it took too long
io-with-code = { $words } (os error { $code })
