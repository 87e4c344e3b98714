# Messages of bantin: see src/messages.rs.
# Content: the Markdown files under content/, their front matter, YAML and dates, in English.

## src/content/mod.rs

content-symbolic-link = is a symbolic link; expected a real file or folder: bantin does not follow links, so copy the file here instead
content-symbolic-link-to = is a symbolic link (to { $target }); expected a real file or folder: bantin does not follow links, so copy the file here instead
content-no-content-folder = no content/ folder; expected content/articles/, content/models/... (see `bantin new site`)
# $error: what the system said (src/messages.rs `io_error`).
content-cannot-read = cannot read: { $error }
# $folders: the folder names, joined with ", ".
content-file-directly-in-content = Markdown file directly in content/; expected it inside one of: { $folders }
content-unknown-folder = unknown folder `content/{ $folder }`; expected one of: { $folders }
# $languages: the language codes of site.yaml, joined with ", ".
content-unknown-language-suffix = the file-name suffix `.{ $suffix }` is not a configured language; configured languages: { $languages } (in site.yaml)
content-index-directly-in-section = `index.md` directly in content/{ $section }/; a bundle is a folder: content/{ $section }/<slug>/index.md
content-not-utf8 = the file is not UTF-8 text; save it as UTF-8

## src/content/bundle_files.rs

content-bundle-html = an HTML file in a bundle could run scripts on the site, so it is not published; write the page in Markdown, or set `unsafe_html: true` in site.yaml to publish bundle files as they are
content-bundle-svgz = a compressed SVG (.svgz) cannot be checked for scripts, so it is not published; save it as a plain .svg file
content-svg-not-utf8 = the SVG file is not UTF-8 text; save it as UTF-8
# $problem: the XML reader's own words.
content-svg-not-valid = not a valid SVG file ({ $problem }); expected an SVG image
content-svg-element = the SVG has a <{ $element }> element, which would run on the site; remove it (or set `unsafe_html: true` in site.yaml to publish bundle files as they are)
content-svg-event-handler = the SVG has an event handler `{ $attribute }`, which would run on the site; remove it (or set `unsafe_html: true` in site.yaml to publish bundle files as they are)
content-svg-script-link = the SVG has a script link `{ $attribute }="{ $value }"`, which would run on the site; remove it (or set `unsafe_html: true` in site.yaml to publish bundle files as they are)

## src/content/front_matter.rs

# $found: the first line of the file, shortened.
content-no-opening-line = found `{ $found }`; expected the file to start with a line `---` opening the front matter
content-front-matter-not-closed = the front matter opened on line 1 is never closed; expected a line `---` after the last key
# $problem: what is wrong with the YAML (a content-yaml-… message, or the YAML reader's own words).
content-front-matter-not-yaml = the front matter is not valid YAML: { $problem }
# $found, here and below: how the value looks (content-value-…).
content-front-matter-not-a-map = found { $found }; expected the front matter to be `key: value` lines
# Who accepts the keys listed after an unknown key ($accepts of content-unknown-key).
content-accepts-article = an article accepts
content-accepts-model = a model accepts
content-accepts-explainer = an explainer accepts
content-accepts-bulletin = a bulletin accepts
content-accepts-page = a page accepts
# $keys: the keys accepted, joined with ", ".
content-unknown-key = unknown key; { $accepts }: { $keys }
content-unknown-key-suggest = unknown key (did you mean `{ $suggestion }`?); { $accepts }: { $keys }
content-required-key-missing = required key is missing
content-image-alt-missing = `image` is set but `image_alt` is missing or empty; expected a short description of the image for readers who cannot see it
content-topic-without-letters = found `{ $topic }`, which gives an empty web address; expected a topic name with letters or digits
content-empty-text = found an empty text; expected a non-empty text
content-expected-text = found { $found }; expected a text
content-expected-url = found `{ $found }`; expected an absolute URL starting with https:// or http://
content-expected-video = found `{ $found }`; expected the address of a YouTube video (https://www.youtube.com/watch?v=…, https://youtu.be/…, …/shorts/…) or of a Facebook video (…/videos/…, /watch?v=…, /reel/…, fb.watch/…)
content-expected-true-or-false = found { $found }; expected true or false
content-whole-number-too-large = found { $found }, a number too large; expected a whole number of at most 18 digits
content-expected-whole-number = found { $found }; expected a whole number
# A bulletin's `number`.
content-edition-out-of-range = found { $number }; expected a whole number from 1 to 999999999
content-edition-too-large = found { $found }, a number too large; expected a whole number from 1 to 999999999
content-edition-not-a-number = found { $found }; expected a whole number from 1 to 999999999
content-expected-year = found { $year }; expected a year such as 2025
content-expected-date = found { $found }; expected a date such as 2025-08-12
# $problem: what is wrong with the entry (content-expected-text).
content-list-entry = an entry: { $problem }
content-expected-list-not-text = found a single text { $found }; expected a list (one `- entry` per line, or [a, b])
content-expected-list = found { $found }; expected a list of texts
content-expected-share = found { $found }; expected a list of key points, or false to turn sharing off
# $names: the values allowed, joined with ", ".
content-expected-one-of = found { $found }; expected one of: { $names }
content-expected-one-of-suggest = found { $found } (did you mean `{ $suggestion }`?); expected one of: { $names }
# How a value looks to an editor: the $found of the messages above.
content-value-nothing = nothing
content-value-written = `{ $value }`
content-value-number = the number `{ $number }`
content-value-list = a list
content-value-map = a nested map

## src/yaml.rs: the YAML mistakes it recognises

content-yaml-number-too-large = found the number `{ $number }`, which is too large to be read; expected a whole number of at most 18 digits
content-yaml-tab = a tab indents this line; expected spaces (YAML does not allow tabs for indenting)
# $value: the value as written, with its " marks escaped.
content-yaml-colon-in-value = the value has a colon followed by a space, which YAML reads as the start of another key; expected the whole value in quotes: `{ $key }: "{ $value }"`
content-yaml-list-not-closed = the list that opens the value with [ is never closed; expected ] at the end of the value
content-yaml-quote-not-closed = the quote that opens the value with { $quote } is never closed; expected { $quote } at the end of the value
# $value: the whole value in the other quotes.
content-yaml-text-after-quote = the value goes on after its closing { $quote }; expected other quotes around the whole value: `{ $key }: { $value }`
content-yaml-key-twice = written a second time; expected each key once (the first would be lost)
# $problem: the control character found (src/text.rs).
content-yaml-escaped-control = { $problem } (written as a backslash escape)

## src/date.rs

content-not-a-zone = found `{ $name }`, which is not a time zone name; expected an IANA time zone name such as `{ $default_zone }` (Vietnam) or `Europe/Paris`
content-not-a-zone-suggest = found `{ $name }`, which is not a time zone name (did you mean `{ $suggestion }`?); expected an IANA time zone name such as `{ $default_zone }` (Vietnam) or `Europe/Paris`
# BANTIN_NOW is a hook for tests; $error: the date library's own words.
content-bantin-now-invalid = warning: BANTIN_NOW=`{ $value }` is not an RFC 3339 instant ({ $error }); using the system clock
content-not-a-date = `{ $value }` is not a date; expected YYYY-MM-DD, or a date and time such as 2025-08-12T08:30:00 (in the site's time zone) or 2025-08-12T08:30:00+07:00
content-date-no-such-month = `{ $value }` is not a real calendar date (a month is 01 to 12); expected YYYY-MM-DD, year, month and day
# $month: year and month, `2025-02`; $days: how many days it has.
content-date-no-such-day = `{ $value }` is not a real calendar date ({ $month } has { $days } days); expected YYYY-MM-DD, year, month and day

# A character by its code point, with a name for the invisible ones bantin refuses.
content-character = U+{ $code }{ $name ->
    [nul] {" "}(a NUL)
    [backspace] {" "}(a backspace)
    [vertical-tab] {" "}(a vertical tab)
    [form-feed] {" "}(a form feed)
    [escape] {" "}(an escape)
    [delete] {" "}(a delete)
   *[other] {""}
}
content-forbidden-character = found the invisible control character { $character }, which no page, feed or printout can carry (it often comes with text pasted from Word or a PDF); delete it
content-long-url-part = found a part `{ $part }…` of { $bytes } bytes; expected at most { $most } bytes between two `/` (it becomes a folder name): shorten it

# A value of the wrong kind in a data file or site.yaml (what serde reads as a type mistake).
# $found / $expected: number, text, boolean, list, map, empty or other; $value: as written.
content-yaml-wrong-type = found { $found ->
    [number] the number `{ $value }`
    [text] the text "{ $value }"
    [boolean] `{ $value }`
    [list] a list
    [map] `key: value` lines
    [empty] nothing
   *[other] a value of another kind
}; expected { $expected ->
    [number] a number
    [text] a text
    [boolean] `true` or `false`
    [list] a list (lines that start with `- `, or `[a, b]`)
    [map] `key: value` lines (indented under it, or `{"{"} key: value {"}"}`)
   *[other] a value of another kind
}
content-yaml-missing-key = missing the key `{ $key }`; expected it in every entry here
content-yaml-unknown-key = `{ $key }` is not a key of this entry; expected one of: { $keys }
content-yaml-unknown-value = found `{ $value }`; expected one of: { $values }
content-yaml-no-form = this value has none of the forms expected here (docs/content-format.md shows them)
# A YAML mistake not recognised: $words are the YAML reader's own (English) words.
content-yaml-other = the YAML reader stops here (`{ $words }`); check the indenting (spaces only, the same for keys of one level) and put values with `:` or `#` in quotes
