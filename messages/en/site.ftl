# Messages of bantin: see src/messages.rs.
# The site as a whole: site.yaml, data/localities.yaml, data/topics.yaml, the theme and its
# UI strings, and the library of items and routes. In English.

## Shared by several files
site-cannot-read = cannot read: { $error }

## src/config.rs
site-config-cannot-read = cannot read the site configuration: { $error }; expected a site.yaml at the site root (create one with `bantin new site DIR`)
site-yaml-invalid = site.yaml is not valid YAML: { $error }
site-yaml-not-a-map = found { $found }; expected `key: value` lines, starting with `title:` and `base_url:`
# Who accepts the keys of an "unknown key" message: "…; site.yaml accepts: title, base_url, …"
site-yaml-accepts = site.yaml accepts
site-default-language-unknown = `{ $code }` is not among the configured languages ({ $codes })
# $problem: what is wrong with the value of `fallback:` (not one of the two words).
site-fallback-choices = { $problem } (`none`: untranslated items are left out of a language's listings; `default`: they are listed with a note linking to the original)
site-cli-language-choices = { $problem } (the language of bantin's own messages: `vi` Vietnamese, `en` English)
site-print-columns-wrong = found { $found }; expected 1 (the default) or 2 (a newsletter look)
site-paginate-too-large = found { $number }; expected a smaller number of items per listing page
site-paginate-wrong = found { $found }; expected a whole number of items per listing page, 1 or more, like `{ $example }`
site-share-budget-too-large = found { $number }; expected a smaller number of characters
site-share-budget-wrong = found { $found }; expected a whole number of characters, 1 or more, like `{ $example }`
site-speaking-rate-wrong = found { $found }; expected the words a minute of the read-aloud editions, a whole number like `{ $example }`, or one per language: `{"{"} vi: 130, en: 150 {"}"}`
site-abbreviations-invalid = { $error }; expected the abbreviations of each language: `vi: {"{"} UBND: Ủy ban nhân dân {"}"}`
site-languages-not-a-list = found { $found }; expected a list of languages, one `- code: vi` and `name: Tiếng Việt` per entry
site-language-not-a-map = entry { $entry }: found { $found }; expected `code:` and `name:` (and optionally `title:` and `partial:`)
site-language-unknown-key = entry { $entry }: unknown key `{ $key }`; a language has `code`, `name`, `title` and `partial`
site-language-partial = entry { $entry }, `partial`: found { $found }; expected true or false
# $problem: what is wrong with the value of the field.
site-language-field = entry { $entry }, `{ $field }`: { $problem }
site-language-incomplete = entry { $entry }: `code` and `name` are both required (e.g. `- code: vi` and `name: Tiếng Việt`)
site-language-code-invalid = `{ $code }` is not a language code; expected a BCP 47 code such as vi, en, fr, hmn or zh-Hant
site-language-listed-twice = language `{ $code }` is listed twice
site-base-url-not-absolute = `{ $url }` is not an absolute http(s) URL; expected e.g. https://example.org/dan-van/
site-base-url-invalid = `{ $url }` is not a valid base URL; expected e.g. https://example.org/dan-van/

## src/locality.rs
site-locality-id-twice = the id `{ $id }` is declared twice: on line { $first } and here; every id must be unique
site-locality-province-level = `{ $id }`: found level `{ $level }`; expected `province` at the top level
site-locality-unit-level = `{ $id }`: found level `{ $level }`; expected commune, ward or special-zone
site-locality-unit-has-children = `{ $id }` has children; only provinces contain units (two-level government)
site-former-is-current = `{ $former }` is listed as a former unit of `{ $current }` but is also a current unit; a unit is either current or former
site-locality-no-registry = found `{ $id }`, but data/localities.yaml is missing or lists no localities; expected the locality listed there (the file's comments and docs/content-format.md show how)
site-locality-unknown = found `{ $id }`, which is not in data/localities.yaml; expected a province id or province/commune id
site-locality-unknown-suggest = found `{ $id }`, which is not in data/localities.yaml (did you mean `{ $suggestion }`?); expected a province id or province/commune id
site-locality-id-invalid = found the id `{ $id }`; expected lowercase ASCII letters, digits and hyphens (e.g. ninh-binh)

## src/library.rs
site-slug-empty = found `{ $value }`, which gives an empty slug; expected letters or digits
site-file-name-slug-empty = the file name gives an empty slug; expected letters or digits in the name, or a `slug:` key
site-alias-invalid = found `{ $value }`; expected an old URL path of this site such as /tin-cu/bai-viet/ (no `..`, no scheme)
site-image-not-in-static = found `{ $value }`, which is not in static/; expected a file static/{ $file }
site-image-not-bundle = found `{ $value }`, relative to an item that is not a bundle; make the item a bundle (<slug>/index.md with the image beside it) or put the image in static/ and write `/{ $value }`
site-image-not-in-bundle = found `{ $value }`, which is not a file in the bundle folder { $folder }
site-second-version = is a second `{ $lang }` version of the same item as { $first }; expected one file per language (check translation_key)
site-bulletin-lists-itself = an edition cannot list itself; remove this entry
site-bulletin-twice = `{ $item }` is listed twice (first on line { $first }); expected each item once: remove this entry
site-bulletin-draft = `{ $item }` is a draft, which is not published; publish it or remove it from the edition
site-bulletin-no-match = `{ $item }` matches no item; expected a reference such as articles/<slug> (the file name under content/ without .md)
site-bulletin-no-match-hint = `{ $item }` matches no item (did you mean `{ $suggestion }`?); expected a reference such as articles/<slug> (the file name under content/ without .md)
site-search-folder-taken = puts a file at /{ $file }, in the folder of the search page and its index (/{ $folder }); move it elsewhere
# Two things make the same output file; $other is a file (content/…, static/…)…
site-route-collision-file = maps to the same URL (/{ $url }) as { $other }; every item needs its own URL: change one `slug`
# …or a page bantin makes (one of the site-origin-… names below).
site-route-collision-page = maps to the same URL (/{ $url }) as the { $other }; every item needs its own URL: change one `slug`

## src/library.rs: what makes a page, where messages name a page that no file makes
# $section: articles, models, explainers or bulletins.
site-origin-listing = { $section } listing
# $kind: topic, locality, model_area, model_year or model_locality.
site-origin-collection = { $kind } page
site-origin-home = home page ({ $lang })
site-origin-feed = feed ({ $lang })
site-origin-search-page = search page ({ $lang })
site-origin-search-index = search index ({ $lang })
site-origin-topics = topics page
site-origin-localities = localities page
site-origin-share-page = share page
site-origin-share-json = share.json
site-origin-not-found = 404 page
site-origin-sitemap = sitemap
site-origin-former-locality = former locality { $id }

## src/i18n.rs
site-months-wrong-count = found a list of { $count } entries; expected the 12 month names as texts, January first
site-months-not-all-texts = found a list of { $count } entries (not all texts); expected the 12 month names as texts, January first
site-months-not-a-list = found { $found }; expected a list of the 12 month names, January first
site-ui-string-not-text = found { $found }; expected a text
site-strings-not-a-map = found { $found }; expected `key: text` lines, one UI string a line
site-strings-invalid = not a valid strings file: { $error }
# $keys: the missing keys, joined with ", "; $shown: site-ui-shown-in-english or
# site-ui-shown-in-default, the languages they are shown in instead.
site-ui-missing = { $count ->
    [one] 1 UI string
   *[other] { $count } UI strings
} missing in `{ $lang }` (shown in { $shown } instead): { $keys }
site-ui-shown-in-english = English
# $language: the name of the site's default language.
site-ui-shown-in-default = { $language }, then English

## src/theme.rs
# How a file of the theme compiled into bantin is named in messages.
site-built-in-theme-file = (built-in theme)/{ $file }
site-theme-not-found = theme `{ $theme }` not found; expected a folder themes/{ $theme }/ (or remove `theme:` to use the built-in default theme)
site-cannot-read-path = cannot read: IO error for operation on { $path }: { $error }
site-cannot-read-loop = cannot read: File system loop found: { $path } points to an ancestor { $ancestor }
site-not-utf8 = not UTF-8 text; save it as UTF-8
site-include-circle = template error: `{ $from }` includes `{ $to }`, which leads back to it ({ $circle }); expected templates that do not include each other in a circle
site-extends-circle = template error: `{ $from }` extends `{ $to }`, which leads back to it ({ $circle }); expected templates that do not extend each other in a circle

## src/taxonomy.rs
site-topics-invalid = { $error }; expected one line per topic: `<term as in front matter>: {"{"} en: <name>, fr: <name> {"}"}`
site-deploy-wrong = found { $found }; expected an SFTP address (deploy: sftp://editor@example.org/var/www/site) or a map with `to:` and optionally `identity:` and `known_hosts:`
site-deploy-unknown-key = unknown key `{ $key }`; deploy accepts to, identity, known_hosts
site-deploy-no-to = the map has no `to:` (the SFTP address to upload to)
site-studio-password-not-a-hash = expected the hash that `bantin studio --hash-password` prints (a password is never written here in clear)
