# Messages of bantin: see src/messages.rs.
# Building the site: Markdown, images, templates, writing the output, printing, `bantin new`.

## Shared by several files
build-cannot-read = cannot read { $path }: { $error }
build-cannot-write = cannot write { $path }: { $error }
build-cannot-create = cannot create { $path }: { $error }
build-unknown-language = --lang { $lang }: not a configured language; configured: { $codes }

## src/pipeline.rs
build-no-site-yaml = { $folder } has no site.yaml: run bantin in a site folder, give --source DIR, or create a site with `bantin new site DIR`
build-base-url-option = --base-url: { $error }
build-waiting-for-other-build = another build of { $output } is running; waiting for it to finish
build-former-locality = `{ $former }` is a former unit, now part of `{ $id }` ({ $name }); the item is filed there: write `locality: { $id }`
build-pages-for-example = { $count } pages, e.g. { $origin }
build-while-rendering = { $message } (while rendering { $pages })
build-while-rendering-excerpt =
    { $message } (while rendering { $pages })
    { $excerpt }
build-progress = rendered { $done }/{ $total } items
build-summary = { $pages } pages ({ $detail }), { $files } files in { $seconds } s
build-summary-with-images = { $pages } pages ({ $detail }), { $files } files, { $images } { $images ->
        [one] image
       *[other] images
    } ({ $processed } resized, { $cached } from the cache) in { $seconds } s
build-summary-language = { $lang }: { $counts }
build-summary-no-items = no items
build-count-articles = { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
build-count-models = { $count ->
        [one] { $count } model
       *[other] { $count } models
    }
build-count-explainers = { $count ->
        [one] { $count } explainer
       *[other] { $count } explainers
    }
build-count-bulletins = { $count ->
        [one] { $count } bulletin
       *[other] { $count } bulletins
    }
build-count-pages = { $count ->
        [one] { $count } page
       *[other] { $count } pages
    }

## src/write.rs
build-cannot-create-output = cannot create the output folder { $path }: { $error }
build-render-thread-failed = a render thread failed
build-cannot-copy = cannot copy { $from } to { $to }: { $error }
build-cannot-remove = cannot remove { $path }: { $error }
build-cannot-create-lock = cannot create the lock file { $path }: { $error }
build-cannot-lock = cannot lock { $lock } for { $output }: { $error }
build-not-a-plain-path = refusing to write `{ $file }`: it is not a plain path inside the output folder
build-cannot-read-current-folder = cannot read the current folder: { $error }
build-not-an-output-folder = { $path } cannot be an output folder
build-output-is-root = refusing to use { $path } as the output folder: it is the root of the file system
build-output-is-home = refusing to use { $path } as the output folder: it is your home folder
build-output-holds-sources = refusing to use { $path } as the output folder: it contains the site's sources
build-output-inside-site-folder = refusing to use { $path } as the output folder: it is inside the site's { $folder }/ folder
build-output-is-a-file = refusing to use { $path } as the output folder: it is a file
build-output-not-made-by-bantin = refusing to replace { $path }: it is not empty and was not made by bantin (no { $marker } file); choose another --output or empty it

## src/markdown.rs
build-raw-html-too-deep = raw HTML nested { $depth } deep: at most { $max } elements may be open inside one another; close the tags you open (`<div>` ... `</div>`)
build-unsafe-scheme-link = `{ $dest }` starts with `{ $scheme }:`, which is not a scheme a link may use ({ $allowed }): the link is published as `#`
build-unsafe-scheme-image = `{ $dest }` starts with `{ $scheme }:`, which is not a scheme a link may use ({ $allowed }): the image is left out (its description is shown)

## src/render/links.rs
build-image-not-in-static = the image `{ $dest }` is not in static/; expected a file static/{ $rooted }
build-image-climbs-out = the image `{ $dest }` climbs out of the site; expected a file beside the item
build-image-missing = the image `{ $dest }` points to { $path }, which does not exist
build-image-outside-bundle = the image `{ $dest }` is not inside this item's bundle; make the item a bundle (<slug>/index.md with the image beside it) or put the image in static/ and write `/{ $name }`
build-link-climbs-out = the link `{ $dest }` climbs out of the site; expected a path to a Markdown file under content/
build-link-to-draft = the link `{ $dest }` points to a draft ({ $path }), which is not published; publish it or remove the link
build-link-missing = the link `{ $dest }` points to { $path }, which does not exist; expected a path to a Markdown file relative to this file

## src/render/mod.rs
build-caused-by = caused by: { $cause }
build-template-not-found = template not found in the theme or in the site's templates/; expected this file
build-asset-url-unknown = asset_url: `{ $path }` is not a file in the theme's or the site's static/ folder
build-template-error = template error: { $error }

## src/template_budget.rs
build-range-step-zero = `range` was called with `step_by=0`; expected a step other than 0
build-range-start-after-end = `range` was called with `start` greater than `end`; expected start <= end (or a negative step_by)
build-range-too-long = `range` would make { $count } numbers; expected at most { $max }
build-range-page-budget = `range` would make more than { $max } numbers for this page in all (a loop inside a loop?); expected less work for one page
build-page-too-large = the page made with this template passed { $megabytes } MB (a loop that runs too long?); expected a page of at most that size

## src/images.rs
build-image-unreadable = the image { $path } cannot be read: { $error }
build-image-other-format = the image { $path } is not a { $claimed } file but { $found }; save it as { $claimed } or give it the right extension
build-image-unknown-kind = the image { $path } is not a { $claimed } image (the file is damaged or of an unknown kind); export it again as { $claimed }
build-image-cache-unwritable = the image { $path } was processed but the image cache { $cache } cannot be written: { $error }; make the folder writable or delete it
build-image-damaged = the image { $path } cannot be decoded: the file is damaged
build-image-undecodable = the image { $path } cannot be decoded ({ $cause }); the file is damaged: export it again
build-image-too-large = the image { $path } is too large to process; expected an image of at most 40 megapixels and 10,000 pixels a side: export it smaller
build-image-too-many-pixels = the image { $path } is { $width } x { $height } pixels, too large to process; expected an image of at most 40 megapixels and 10,000 pixels a side: export it smaller
build-image-empty = the image { $path } is empty (0 pixels)
build-image-too-wide-for-jpeg = the image { $path } is too wide for JPEG
build-image-too-tall-for-jpeg = the image { $path } is too tall for JPEG
build-image-pixel-format-for-jpeg = the image { $path } has a pixel format JPEG cannot store
build-image-unencodable = the image { $path } cannot be encoded as { $format }: { $error }

## src/pdf/mod.rs
build-print-no-browser = no Chromium or Chrome found on PATH; install one (e.g. `apt-get install chromium`) or give --browser PATH. Without one, build the site, open bulletins/{ $bulletin }/print/ in your browser and use Print → Save as PDF
read-aloud-no-espeak = espeak-ng is not installed, so the script cannot be spoken into a file: on Debian or Ubuntu `sudo apt-get install espeak-ng`, on Windows and macOS the installer of github.com/espeak-ng/espeak-ng/releases; the script itself is printed without it
read-aloud-espeak-failed = espeak-ng could not speak the script: { $error }
read-aloud-espeak-status = espeak-ng stopped: { $status }
build-print-no-browser-at = no Chromium or Chrome found at { $path }; install one (e.g. `apt-get install chromium`) or give --browser PATH. Without one, build the site, open bulletins/{ $bulletin }/print/ in your browser and use Print → Save as PDF
build-print-no-local-port = cannot open a local port: { $error }
build-print-cannot-impose = cannot make a booklet of { $path }: the browser wrote a PDF of a form bantin does not know (print without --booklet, or choose "Booklet" in the print dialog of a PDF reader)
build-print-unknown-bulletin = no bulletin `{ $bulletin }` in `{ $lang }`; bulletins in that language: { $known }
build-print-no-bulletins = no bulletin `{ $bulletin }` in `{ $lang }`; bulletins in that language: none
build-print-base-path = the base_url path { $path } cannot be served locally for printing
build-cannot-run = cannot run { $program }: { $error }
build-print-no-pdf = { $browser } did not write the PDF (exit { $status }): { $said }

## src/new.rs
build-new-site-not-empty = { $path } is not empty; choose a new folder
build-new-empty-slug = the title gives an empty slug; use a title with letters or digits
build-new-exists = { $path } already exists
# Comments in the front matter of a new item.
build-new-comment-draft = remove this line to publish
build-new-comment-items = e.g. - articles/<slug>
build-new-comment-policy = the document explained, e.g. Resolution No. 18-NQ/TW
build-new-title-line-break = the title holds a line break ({ $character }); expected a title on one line
build-new-title-control-character = the title holds the invisible control character { $character }, which no page can carry; type the title again without it
build-new-model-needs-locality = a model needs a locality, and data/localities.yaml lists none; add the registry first
