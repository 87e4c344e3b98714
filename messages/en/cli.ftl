# Messages of bantin's command line (src/main.rs), in English. See src/messages.rs.

cli-problems-found = { $count ->
    [one] 1 problem found
   *[other] { $count } problems found
}

## src/main.rs: labels before a line
cli-label-error = error
cli-label-warning = warning
cli-label-note = note
cli-label-draft = draft

## src/main.rs: outcomes of the commands
cli-problems-found-kept = { $count ->
    [one] 1 problem found; nothing was published (the previous output is unchanged)
   *[other] { $count } problems found; nothing was published (the previous output is unchanged)
}
cli-checked = checked { $summary }
cli-built = built { $summary } into { $output }
cli-build-warnings = { $count } warning(s): run `bantin check` to see them
cli-partial-note = { $note } (the language is marked `partial: true` in site.yaml)
cli-drafts-fine = { $count } draft(s) checked as if published: no problems
cli-drafts-problems = { $count ->
    [one] 1 problem in drafts (not published yet: fix it before `draft: false`)
   *[other] { $count } problems in drafts (not published yet: fix them before `draft: false`)
}
cli-translations-problems = the site also has { $count } problem(s): run `bantin check` to see them
cli-printed = printed { $path }
cli-read-aloud-time = { $words } words: about { $minutes } min at { $rate } words a minute
cli-read-aloud-audio = spoke it into { $path }: { $seconds } s of sound
cli-read-aloud-digits = { $lang } has no rules for saying numbers yet: they are left as digits
cli-printed-booklet = printed { $path }: a booklet of { $pages } A5 pages on { $sheets ->
    [one] 1 A4 sheet
   *[other] { $sheets } A4 sheets
}; print on both sides, flipping on the short edge, then fold the stack in half
cli-watching = watching { $path } (Ctrl+C to stop)
cli-watch-built = built { $files } files into { $output } in { $ms } ms{ $warnings }
cli-watch-rebuilt = rebuilt: { $summary }; { $written } files on disk changed, in { $ms } ms{ $warnings }
cli-watch-problems = { $count } problem(s); the last good pages stay in place
cli-warnings-note = {" "}({ $count } warning(s): `bantin check` lists them)
cli-serving = serving { $url } (the preview is built in { $output })
cli-no-browser = cannot open a browser here; open { $url }
cli-new-site = created a new site in { $dir }; now run: `cd { $dir } && bantin build`
cli-new-item = created { $path } (a draft: remove `draft: true` to publish)
cli-title-words = the title came as { $count } separate words, joined as "{ $title }"; put a title in quotes to keep it exactly as typed: `bantin new { $kind } "{ $title }"`
cli-new-kind-guess = bantin has no `new { $what }`; did you mean `bantin new { $kind } "Tiêu đề"`? (kinds: `article`, `model`, `explainer`, `bulletin`, `page`, `site`)

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

## src/translations.rs: `bantin check --translations`
translations-language = { $name } ({ $code }): { $translated } of { $total } items translated, { $missing } missing, { $outdated } outdated
translations-missing = missing   { $original }  →  create { $create }  ({ $title })
translations-outdated = outdated  { $translation } ({ $translation_date }) is older than { $original } ({ $original_date })

## src/server.rs: `bantin serve`
serve-port-in-use = port { $port } on { $bind } is in use: try --port { $free }
serve-port-in-use-no-free = port { $port } on { $bind } is in use: try another --port
serve-cannot-listen = cannot listen on { $address }: { $error }
serve-not-built-yet = the site is not built yet (or is being replaced by a rebuild); reload in a moment

## src/watch/: what `bantin watch` and `bantin serve` say after each rebuild
watch-cannot-open = cannot open { $path }: { $error }
watch-cannot-use-output = cannot use { $path } as the output: { $error }
watch-cannot-watch-files = cannot watch files: { $error }
watch-cannot-watch = cannot watch { $path }: { $error }
watch-files = { $count } files
watch-file-added = { $path } added
watch-file-removed = { $path } removed
watch-file-not-an-item = { $path } (a draft or not an item)
watch-file-unchanged = { $path } saved unchanged
watch-fields-changed = { $fields } changed
watch-field-body = body
watch-field-front-matter = front matter
watch-templates-changed = templates changed
watch-strings-changed = UI strings changed
watch-files-changed = files changed
watch-rebuilt-summary = { $reason }: { $rendered }
watch-removed = { $count } removed
watch-nothing-to-write = nothing to write
watch-count-not-found = { $count ->
    [one] 1 404 page
   *[other] { $count } 404 pages
}
watch-count-copy = { $count ->
    [one] 1 copy
   *[other] { $count } copies
}
watch-count-feed = { $count ->
    [one] 1 feed
   *[other] { $count } feeds
}
watch-count-home = { $count ->
    [one] home
   *[other] { $count } home pages
}
watch-count-index-page = { $count ->
    [one] 1 index page
   *[other] { $count } index pages
}
watch-count-listing = { $count ->
    [one] 1 listing
   *[other] { $count } listings
}
watch-count-neighbour = { $count ->
    [one] 1 neighbour
   *[other] { $count } neighbours
}
watch-count-page = { $count ->
    [one] 1 page
   *[other] { $count } pages
}
watch-count-print-edition = { $count ->
    [one] 1 print edition
   *[other] { $count } print editions
}
watch-count-read-aloud = { $count ->
    [one] 1 read-aloud file
   *[other] { $count } read-aloud files
}
watch-count-redirect = { $count ->
    [one] 1 redirect
   *[other] { $count } redirects
}
watch-count-search-index = { $count ->
    [one] 1 search index
   *[other] { $count } search indexes
}
watch-count-search-page = { $count ->
    [one] 1 search page
   *[other] { $count } search pages
}
watch-count-share-file = { $count ->
    [one] 1 share file
   *[other] { $count } share files
}
watch-count-sitemap = { $count ->
    [one] sitemap
   *[other] { $count } sitemaps
}
watch-count-collection = { $count ->
    [one] 1 topic or locality page
   *[other] { $count } topic or locality pages
}
watch-watcher-stopped = the file watcher stopped
watch-internal-failure = bantin failed inside (a bug: please report it with the file you saved); the next save rebuilds everything

## src/messages/command_line.rs: `--help` (ids made from command and option names)
help-heading-usage = Usage:
help-heading-commands = Commands
help-heading-options = Options
help-heading-arguments = Arguments
help-value-command = COMMAND
help-value-options = OPTIONS
help-value-dir = DIR
help-value-title = TITLE
help-value-code = CODE
help-value-url = URL
help-value-port = PORT
help-value-bind = BIND
help-value-bulletin = BULLETIN
help-value-format = FORMAT
help-value-path = PATH
help-value-file = FILE
help-value-kind = KIND
help-value-encoding = ENCODING
help-flag-help = Print help
help-flag-version = Print version
help-bantin = bantin: builds mass-mobilization bulletin websites from Markdown files
help-build = Build the site into the output folder (public/ by default)
help-build-portable = Relative links to files everywhere: the output works opened from disk, from a USB stick, and from any server under any sub-path (as site.yaml `portable: true`)
help-watch = Build the site, then rebuild it on every save (content, templates, static files...)
help-serve = Build, watch and serve the site on this computer; open pages reload after each save
help-serve-port = The port to listen on [default: 1111]
help-serve-bind = The address to listen on (127.0.0.1: this computer only) [default: 127.0.0.1]
help-serve-open = Open the site in the default browser once it is built
help-deploy = Build the site, then upload what changed to the server site.yaml `deploy:` names (SFTP)
help-deploy-dry_run = Only say what would be uploaded and removed
help-check = Check the whole site and report every problem, without writing anything
help-check-translations = Instead, list per language the items still to translate and the outdated translations
help-check-format = Output of --translations: text for people, json for tools [default: text]
help-print = Print a bulletin edition to PDF with a locally installed Chromium or Chrome
help-print-bulletin = The bulletin: its file name without .md (e.g. ban-tin-dan-van-so-1)
help-print-lang = The language of the edition (a code from site.yaml) [default: the default language]
help-print-output = The PDF to write [default: <bulletin>.pdf, or <bulletin>.<lang>.pdf]
help-print-browser = The browser to use [default: chromium, google-chrome... found on PATH]
help-print-booklet = An A5 booklet: two pages on each side of an A4 sheet, to fold in half [default: <bulletin>.booklet.pdf]
help-read-aloud = Print a bulletin's script for the commune loudspeakers (numbers, dates and abbreviations in words), and with --audio speak it into a WAV file with espeak-ng
help-read-aloud-bulletin = The bulletin: its file name without .md (e.g. ban-tin-dan-van-so-1)
help-read-aloud-lang = The language of the edition (a code from site.yaml) [default: the default language]
help-read-aloud-audio = Also speak the script into this WAV file (needs espeak-ng)
help-new = Create a new site, or a new content file with its front matter
help-new-site = A new site folder with a site.yaml and example content
help-new-site-dir = The folder to create (must be missing or empty)
help-new-article = A new article (content/articles/<slug>.md)
help-new-model = A new "Skilled Mass Mobilization" model profile (content/models/)
help-new-explainer = A new policy explainer (content/explainers/)
help-new-bulletin = A new bulletin edition (content/bulletins/), numbered after the last one
help-new-page = A new plain page (content/pages/), served at /<slug>/
help-init = Create a new site (the same as `bantin new site DIR`)
help-init-dir = The folder to create (must be missing or empty) [default: this folder]
help-help = Show the help of bantin or of one of its commands
help-help-command = The command (e.g. `build`, or `new article`)
help-arg-source = The site folder (the one with site.yaml) [default: this folder]
help-arg-drafts = Include items marked `draft: true`
help-arg-output = The output folder [default: <source>/public]
help-arg-base_url = Override base_url from site.yaml (e.g. for a preview host)
help-arg-title = The title, in quotes; the file name is its slug ("Đổi mới công tác" → doi-moi-cong-tac.md)
help-arg-lang = Language of the item (a code from site.yaml); the default language if not given

## src/messages/command_line.rs: mistakes on the command line (other languages than English;
## English prints clap's own messages)
usage-error = { $label }: { $problem }

    { $heading } { $usage }

    For more information, try `{ $command } --help`.
usage-error-brief = { $label }: { $problem }

    For more information, try `bantin --help`.
usage-unknown-command = there is no command `{ $command }`
usage-unknown-command-suggested = there is no command `{ $command }`; did you mean `{ $suggestion }`?
usage-unknown-argument = there is no option `{ $argument }` here
usage-unknown-argument-suggested = there is no option `{ $argument }` here; did you mean `{ $suggestion }`?
usage-invalid-value = `{ $value }` is not a value of { $argument }; it accepts: { $valid }
usage-value-not-accepted = `{ $value }` is not accepted for { $argument }
usage-missing-argument = missing: { $argument }
usage-missing-command = a command is missing (build, watch, serve, check, print, new)
usage-conflict = { $argument } cannot be used together with { $other }
usage-too-many = { $argument } was given too many values
usage-no-equals = { $argument } needs its value after `=`
usage-other = the command is not written correctly
help-studio = Build, watch and serve the site with the studio: edit items in the browser, drafts included
help-studio-port = The port to listen on [default: 1111]
help-studio-bind = The address to listen on (127.0.0.1: this computer only; another needs BANTIN_STUDIO_PASSWORD) [default: 127.0.0.1]
help-studio-open = Open the studio in the default browser once the site is built
cli-studio = studio at { $url } (the preview is built in { $output })

## bantin deploy
cli-deploy-nowhere = site.yaml names no destination: add for example `deploy: sftp://editor@example.org/var/www/dan-van` (see docs/content-format.md, `deploy`)
cli-deploy-not-built = nothing was uploaded: the site online is as it was
deploy-destination-wrong = found “{ $found }”; expected an SFTP address such as sftp://editor@example.org/var/www/site (port: sftp://editor@example.org:2222/...) or editor@example.org:public_html
deploy-cannot-read = cannot read { $path }: { $error }
deploy-cannot-write = cannot write { $path }: { $error }
deploy-no-sftp = the sftp program was not found: install OpenSSH's client (Debian, Ubuntu: `sudo apt install openssh-client`; it comes with macOS and Windows 10 and later), or name it with BANTIN_SFTP
deploy-sftp-failed = sftp could not be started: { $error }
deploy-sftp-said = { $destination }: { $said }
deploy-path-too-long = a file name is too long for sftp, or has a line break: { $line }
deploy-interrupted = the upload stopped after { $done } of { $total } files ({ $problem }). The site online still works: each page is replaced whole, after the files it uses, and nothing is removed before the end. Run bantin deploy again to finish.
deploy-up-to-date = { $destination } is up to date ({ $unchanged } files, nothing to send)
deploy-would = would upload { $uploaded } files ({ $kb } kB) to { $destination }, remove { $removed }, keep { $unchanged } unchanged
deploy-done = published to { $destination }: { $uploaded } files uploaded ({ $kb } kB), { $removed } removed, { $unchanged } unchanged
cli-password-prompt = The studio's password (it is not shown while typed):
cli-password-empty = no password was given
cli-password-line = add this line to site.yaml; the studio then asks for the password when it listens beyond this computer (--bind):
help-studio-hash_password = Instead, ask for a password and print the line that keeps its hash in site.yaml (for --bind on another address)

## bantin import
import-not-yet = { $path }: bantin import reads Word (.docx), LibreOffice (.odt) and plain-text (.txt) files; save an older .doc or .rtf as .docx from Word or LibreOffice first
import-cannot-read = cannot read { $path }: { $error }
import-not-utf8 = { $path } is not UTF-8 text: if it was typed in an old Vietnamese font, say which encoding with --encoding tcvn3 (.VnTime fonts) or --encoding vni (VNI fonts)
import-empty = { $path } has no text
import-unknown-kind = unknown kind “{ $kind }”: import makes an article, model, explainer or page
import-unknown-encoding = unknown encoding “{ $name }”: expected tcvn3 or vni
import-made = { $file } → { $item } (a draft: read it, fill in what is left, then publish)
import-date-found = date { $date } from the document's “ngày … tháng … năm …” line
import-date-today = no date in the document: today's date is set, check it
import-summary = the summary is the first paragraph: shorten it if needed
help-import = Turn documents into draft items: Word (.docx), LibreOffice (.odt) and plain-text files, in Unicode or the old Vietnamese fonts
help-import-files = The documents to import, or folders of them
help-import-kind = The kind of item to make: article, model, explainer or page [default: article]
help-import-lang = Language of the items (a code from site.yaml) [default: the default language]
help-import-encoding = The old Vietnamese encoding of the files: tcvn3 (.VnTime fonts) or vni (VNI-Times fonts)
import-document-problem = { $path }: { $problem }
import-not-a-document = not a Word or LibreOffice document that can be read (damaged, or another kind of file)
import-password-protected = the document is protected by a password: open it in Word or LibreOffice, remove the password (File, Info or Properties, Security), save it and import it again
import-old-word-document = this is an old Word document (.doc) under another name: open it in Word or LibreOffice, save it as .docx or .odt, and import that
import-cannot-write = cannot write { $path }: { $error }
import-comments-dropped = the document's comments were left out
import-revisions = the document has tracked changes: the accepted text was taken (insertions kept, deletions left out); check it
import-picture-no-alt = picture { $name } has no description in the document: write what it shows in the text's ![...]
import-merged-cells = a table has merged cells or a table inside a cell: written as a plain table with the merged cells once; check it
import-author = author “{ $author }” from the document's properties: check it
import-author-signed = author “{ $author }” from the signature at the end: check it
import-locality = locality { $id } ({ $name }) guessed from the places the document names: check it
import-locality-comment = { $name }, guessed from the document: check
deploy-already-running = another deploy of this site is running (from a terminal or the studio); nothing was sent: try again when it has finished
