// VLG207 10,17: The file "missing.interned.txt" named by [InternedStrings] on class 'Demo.Missing' is not an additional file of the project; add it with <AdditionalFiles Include="missing.interned.txt" />
// VLG207 13,17: The file "words.txt" named by [InternedStrings] on class 'Demo.WrongSuffix' does not end with '.interned.txt'; only additional files named *.interned.txt are read
// VLG207 16,17: The file "twice.interned.txt" named by [InternedStrings] on class 'Demo.Ambiguous' matches 2 additional files (/p/a/twice.interned.txt, C:\p\b\twice.interned.txt); name it with enough of its folder to tell them apart
// VLG208 1,0: Line 2 of 'bad.interned.txt' is not a value: the string literal is invalid (CS1010: Newline in constant)
// VLG208 3,0: Line 4 of 'bad.interned.txt' is not a value: the string literal must be the whole line (nothing may follow the closing quote)
// VLG208 4,0: Line 5 of 'bad.interned.txt' is not a value: it contains a lone surrogate (U+D800 at index 0), which has no UTF-8 encoding
// VLG208 6,0: Line 7 of 'bad.interned.txt' is not a value: the string literal is invalid (CS1009: Unrecognized escape sequence)
// VLG209 2,0: Line 3 of 'bad.interned.txt' repeats the value "Host" of constant 'Host' of class 'Demo.Bad'; a lookup can return only one of them
// VLG209 5,0: Line 6 of 'bad.interned.txt' repeats the value "ok" of line 1; a lookup can return only one of them
// VLG209 1,0: Line 2 of 'unused.interned.txt' repeats the value "x" of line 1; a lookup can return only one of them
