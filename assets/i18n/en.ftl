# Every sentence Hatua's player shows, in Project Fluent's syntax
# (https://projectfluent.org/fluent/guide/). To translate, copy this file to
# <language>.ftl and translate the text after each `=`; keep the ids and the { $variables }.
# A message whose wording depends on a number picks its form with a selector:
#   { $count ->
#       [one] one attempt
#      *[other] { $count } attempts
#   }


## app

app-name = Hatua
app-too_small = This terminal is { $width }×{ $height }. Hatua needs at least { $min_width }×{ $min_height }: make the window larger or the font smaller. Ctrl-C quits.

## picker

picker-title = Who is learning?
picker-prompt = Your name:
picker-empty = No learners yet. Type your name and press Enter to begin.
picker-create = + New learner “{ $name }” (press Enter)
picker-has_pin = (PIN)
picker-paused = (paused { $time })
picker-quit_question = Close Hatua? The next learner will need to start it again. Press y to close, n to stay.
picker-language_key = Tab: language
picker-plain_key = F3: plain mode, for screen readers
picker-profile_gone = This profile was deleted by a facilitator, so its records are no longer on this computer. Choose your name again, or make a new profile.

## library

library-builtin = built-in
library-signed_by = signed by { $name }
library-unknown_signer = signed by an unknown key
library-unsigned = unsigned
library-title = Courses
library-empty = No courses are available.
library-details = about { $minutes } min · { $items } items
library-unavailable = unavailable
library-unavailable_hint = Ask your trainer for a fixed copy; `hatua validate` shows every problem.
library-continue = Continue where you left off
library-continue_to = Continue where you left off: { $title }
library-refused = This course cannot open: { $reason }

## signin

signin-pin_title = Welcome back, { $name }
signin-pin_label = PIN:
signin-pin_again = PIN again:
signin-pin_help = Type your PIN and press Enter. Esc goes back to the list of learners.
signin-wrong_pin = That PIN is not right. { $left ->
        [one] One more wrong PIN pauses this profile.
       *[other] { $left } tries left before a pause.
    }
signin-paused = Too many wrong PINs: this profile is paused for { $time }. A facilitator can reset the PIN.
signin-new_title = Welcome, { $name }!
signin-new_pin_intro = You may protect your profile with a PIN of 4 to 8 digits, so that only you can open it. Leave it empty for no PIN.
signin-new_help = Enter goes on; with no PIN, Enter creates your profile at once. Esc goes back.
signin-pin_format = A PIN is 4 to 8 digits.
signin-pin_mismatch = The two PINs are not the same. Type the PIN again.
signin-picture_label = Your picture (← → change it, F4 colour):
signin-picture_pin_offer = Or press F3 for a PIN of three pictures.
signin-picture_pin_title = { $name }, pick your three pictures
signin-picture_pin_label = Pictures:
signin-picture_pin_help = Pick with 1–9, or the arrows and Enter. Backspace: undo.
signin-picture_pin_choose = Pick three pictures for your PIN, in order.
signin-picture_pin_again = Pick the same three pictures again.
signin-picture_pin_mismatch = The pictures were not the same. Pick three pictures again.

## profile

profile-title = Your profile
profile-name = Name:
profile-language = Language:
profile-theme = Theme:
profile-theme_name = { $theme ->
    [high-contrast] high contrast
    [monochrome] black and white
   *[default] default
}
profile-pin_is_set = Your profile has a PIN. To change it, type a new one twice.
profile-pin_not_set = Your profile has no PIN. To add one, type it twice (4 to 8 digits).
profile-new_pin = New PIN:
profile-remove_pin = Remove the PIN:
profile-yes = yes
profile-no = no
profile-name_empty = A name needs at least one letter.
profile-help = ↑ ↓ move between fields, ← → or Space change a choice, Enter saves, Esc cancels. Your name can be a pseudonym: nothing else identifies you.
profile-saved = ✓ Profile saved.
profile-picture = Picture:
profile-colour = Picture colour:
profile-colour_name = { $colour ->
    [yellow] yellow
    [green] green
    [cyan] turquoise
    [blue] blue
    [magenta] pink
   *[red] red
}
profile-picture_pin = Picture PIN:
profile-picture_pin_pick = pick three
profile-picture_pin_ready = chosen, Enter saves
profile-picture_pin_is_set = Your profile has a PIN of pictures. To change it, type a new PIN or pick new pictures.

## facilitator

facilitator-paused = Too many wrong passwords: the facilitator's screen is paused for { $time }.
facilitator-title = Facilitator
facilitator-password = Password:
facilitator-new_password = New password:
facilitator-again = Password again:
facilitator-create_intro = No facilitator password is set on this computer yet. Choose one of at least { $min } characters, and keep it away from learners.
facilitator-site_name = Name of this site:
facilitator-site_help = The name exports, certificates and reports give this place, like “Kisumu women's centre”.
facilitator-login_help = Enter goes on. Esc goes back to the list of learners.
facilitator-wrong_password = That password is not right.
facilitator-too_short = A facilitator password needs at least { $min } characters.
facilitator-merge_same = Choose another profile to merge into: a profile cannot be merged into itself.
facilitator-mismatch = The two passwords are not the same. Type them again.
facilitator-board_title = Learners ({ $count })
facilitator-no_learners = No learners yet.
facilitator-no_courses = No course begun yet.
facilitator-flag_pin = PIN
facilitator-flag_paused = paused { $time }
facilitator-flag_archived = archived
facilitator-courses_of = Progress of { $name }
facilitator-quizzes = quizzes passed: { $passed } of { $total }
facilitator-no_pin = This learner has no PIN to reset.
facilitator-confirm_reset = Remove the PIN of { $name }, so they can sign in and choose a new one? Press y to confirm, n to cancel.
facilitator-confirm_delete = Delete { $name } and every record of theirs? This cannot be undone; archive keeps the records. Press y to confirm, n to cancel.
facilitator-cancelled = Nothing was changed.
facilitator-merge_none = There is no other profile to merge with.
facilitator-grant_none = This learner has attempts left at every quiz, or has passed it.
facilitator-merge_pick = Merge { $name } into which profile? Move to it with ↑ ↓ and press Enter; any other key cancels.
facilitator-confirm_merge = Move every record of { $from } to { $into } and remove the profile { $from }? { $into } keeps their name and PIN. Press y to confirm, n to cancel.
facilitator-confirm_grant = Give { $name } one more attempt at the quiz chosen above (↑ ↓)? Press Enter to confirm, Esc to cancel.

## preview

preview-reloaded = ↻ The course changed on disk and was reloaded.

## import

import-title = Import from drive
import-scanning = Looking for course bundles on the drives…
import-no_drives = No removable drive was found. Plug one in and press r to look again.
import-drive = Drive { $path }
import-no_bundles = no course bundles here ({ $extent })
import-installed_now = installed here: { $version } · { $standing }
import-cannot = cannot be installed: { $reason }
import-confirm_one = “{ $title }” is not signed by a publisher this computer trusts: anyone could have changed it on its way here. Install it anyway?
import-confirm_many = { $count } of these courses are not signed by a publisher this computer trusts: anyone could have changed them on their way here. Install them anyway?
import-replaces = replaces a copy that was { $standing }
import-importing = Installing… { $done } of { $total } bundles
import-row_installed = installed
import-row_updated = updated
import-row_skipped = skipped
import-row_refused = refused
import-done_help = Learners' progress is kept by item: a newer version of a course keeps what each learner did.
import-refuse_untrusted = this site installs only courses signed by a publisher it trusts (install = "trusted" in the config), and this one is { $standing ->
    [signed] signed by { $signer }
    [unknown] signed by an unknown key
   *[unsigned] unsigned
}
import-refuse_unsigned = this site installs only signed courses (install = "signed" in the config), and this one is unsigned
import-refuse_other_publisher = the installed version is { $old_standing ->
    [signed] signed by { $old_signer }
    [unknown] signed by an unknown key
   *[unsigned] unsigned
}, and this one is { $standing ->
    [signed] signed by { $signer }
    [unknown] signed by an unknown key
   *[unsigned] unsigned
}; add --force to replace it anyway
import-skip_installed = version { $version } is already installed
import-refuse_newer = version { $installed } is installed, which is newer; add --force to go back to { $version }
import-course_errors = the course has errors ({ $first }); `hatua validate` on the trainer's copy lists them all
import-tampered = { $change ->
    [missing] The bundle file `{ $file }` is missing: it was packed but is not there
    [added] The bundle file `{ $file }` was added after it was packed
   *[modified] The bundle file `{ $file }` was changed after it was packed
}. The bundle is not the one that was packed, so it cannot be trusted; ask the trainer for a fresh copy.
import-bad_signature = The bundle's signature does not match its MANIFEST.toml: the bundle was changed after it was signed, so it cannot be trusted. Ask the trainer for a fresh copy.
import-not_a_bundle = { $path } is not a course bundle: it has no course.toml at its root. Choose the course folder itself, or the .zip that `hatua pack` made.
import-row_unsigned = unsigned: nobody vouches for this copy; a site can accept only signed courses with install = "signed"
import-row_standing = { $standing ->
    [signed] signed by { $signer }
    [unknown] signed by an unknown key
   *[unsigned] unsigned
}
import-row_replaces = { $standing ->
    [signed] signed by { $signer }
    [unknown] signed by an unknown key
   *[unsigned] unsigned
}; replaces a copy that was { $old_standing ->
    [signed] signed by { $old_signer }
    [unknown] signed by an unknown key
   *[unsigned] unsigned
}
import-gone = it is no longer there: was the drive taken out? Put it back and look again (r).
import-unreadable = { $detail }

## export

export-title = Export records to drive
export-looking = Looking for drives and counting what is new…
export-no_drives = No removable drive was found. Plug one in and press r to look again.
export-counts_new = New since the last export from { $site }: { $learners ->
        [one] 1 learner
       *[other] { $learners } learners
    } with new records, { $attempts ->
        [one] 1 attempt
       *[other] { $attempts } attempts
    }, { $answers ->
        [one] 1 answer
       *[other] { $answers } answers
    }. Press Enter to write them to the drive above.
export-counts_all = Every record of { $site }: { $learners ->
        [one] 1 learner
       *[other] { $learners } learners
    }, { $attempts ->
        [one] 1 attempt
       *[other] { $attempts } attempts
    }, { $answers ->
        [one] 1 answer
       *[other] { $answers } answers
    }. Press Enter to write them to the drive above.
export-nothing_new = Nothing is new since the last export. Press a to export every record again.
export-nothing_at_all = There are no records to export yet.
export-names = Put learners' names in the file (Space)
export-names_warning = Without names, each learner is an id and her site. Some courses deal with gender-based violence: send names only if the programme needs them and the drive is kept safe.
export-writing = Writing… { $done } of { $total } statements
export-written = ✓ Written to { $file }. Take the drive to the trainer; the next export holds only what is new after this one.

## reports

reports-title = Reports
reports-counting = Counting…
# The *_head entries are a table's column headings joined by " · ": keep the
# separator and the number of headings; each stands over its column.
reports-courses_head = Course · Started · Completed · Rate · Best avg · Certificates
reports-quizzes_head = Quiz · Attempts · Passed · Scores 0–100%
reports-questions_head = Question · Answers · Right · Discrimination
reports-no_certificates = No certificate yet.
reports-certificates = Certificates: { $codes }
reports-last_seen = Last seen: { $date }
reports-learner_quizzes_head = Quiz · Best · Attempts
reports-learner_courses_head = Course · Items done · Complete
reports-learners_head = Learner · Courses done · Best avg · Attempts · Last seen
reports-learners_title = Learners
reports-most_wrong = Wrong answer given most: { $answer } ({ $count })
reports-low_discrimination = Learners who did well on the quiz do no better on this question: check that it is clear and keyed right.

## hub

hub-title = Merge records from drive
hub-looking = Looking for records exports on the drives…
hub-none = No records export (*.hatua-records.zip) was found on the drives. Plug one in and press r to look again.
hub-merging = Merging…
hub-merged = { $site }: added { $learners ->
        [one] 1 learner
       *[other] { $learners } learners
    }, { $attempts ->
        [one] 1 attempt
       *[other] { $attempts } attempts
    }, { $answers ->
        [one] 1 answer
       *[other] { $answers } answers
    }; { $skipped } records were here already.
hub-trusted = Signed with the key trusted as “{ $name }”.
hub-new_site = { $name } is new here and its key is not in the trusted list: from now on, only exports signed with this key are taken from it.
hub-refused_other_key = { $path }: refused: it says it comes from site { $site } but is signed with another key than that site's earlier exports. If the site's data folder was rebuilt, check with its facilitator before merging
hub-refused_untrusted = { $path }: refused: site { $site } signs with a key this hub does not trust (ed25519:{ $key }). If it is one of the programme's sites, trust it with `hatua trust add --name "{ $site }" site.key.pub` (the file beside its site.key), then merge again
hub-refused_signature = { $path }: refused: the site's signature on it does not match: the export was changed after it was written
hub-refused_changed = { $path }: refused: { $file } in it was changed after the export was written (its sha256 differs from the manifest's)
hub-merge_failed = { $detail }

## sync
sync-title = Send records to the LRS
sync-intro = The organisation's Learning Record Store keeps the records of every site. Only what it has not acknowledged yet is sent, and a sync cut short carries on next time.
sync-address = Address
sync-user = User
sync-password = Password
sync-names = Put learners' names in the statements (Space)
sync-names_warning = Without names, each learner is an id and her site. Send names only if the programme needs them.
sync-never = Nothing has been sent to an LRS from here yet.
sync-last_done = Last sync, { $when }, to { $lrs }: { $sent } sent, { $there } already there, { $rejected } rejected.
sync-last_cut = The last sync, { $when }, to { $lrs }, stopped before the end: { $sent } sent, { $there } already there. The next one sends the rest.
sync-fill_in = Give the LRS's address and the user to log in as.
sync-sending = Sending… { $done } of { $total } statements
sync-stopping = Stopping after this batch… { $done } of { $total } statements
sync-done = ✓ Done: { $sent } sent, { $there } already there, { $rejected } rejected.
sync-nothing = { $earlier ->
        [0] There are no records to send yet; the address and the login work.
        [one] Nothing new to send: the LRS has the 1 statement already.
       *[other] Nothing new to send: the LRS has all { $earlier } statements already.
    }
sync-stopped = Stopped. What the LRS acknowledged is kept; the next sync sends the rest.
sync-bad_url = “{ $url }” is not an LRS's address: it looks like https://lrs.example.org/xAPI.
sync-login = The LRS at { $url } refused the login of “{ $user }”. Check the user and the password (the LRS's key and secret), then send again.
sync-wrong_url = There is no LRS at { $url } (it answered HTTP { $status }). Check the address: it is the LRS's xAPI endpoint, often ending in /xAPI.
sync-server = The LRS at { $url } had a problem of its own (HTTP { $status }): { $reason }. Try again later; nothing is lost.
sync-unreachable = Cannot reach the LRS at { $url }: { $reason }. Check the address and the network, then send again; nothing is lost.
sync-rejected_one = Rejected: { $what }. The LRS said: { $reason }. It is tried again at the next sync.

## certificate
# The certificate a learner prints: in her language, on one A4 page.

certificate-title = Certificate of completion
certificate-certifies = This certifies that
certificate-completed = has completed the course
certificate-details = version { $version }, on { $date }, with a score of { $score }%, at { $site }.
certificate-publisher = Course published by { $publisher }.
certificate-code = Verification code: { $code }
certificate-check = On the computer that issued it: hatua certificate verify { $code }. Anywhere else, the signed statement below (or its QR code) checks offline: hatua certificate verify with the statement or this file.
certificate-signed = Signed statement
certificate-builtin = Hatua (a built-in course)
certificate-unknown_signer = a publisher whose key this site does not know
certificate-unsigned = nobody (an unsigned course)

## review

review-title = Past attempts: { $quiz }
review-none = No finished attempts yet.
review-attempt = Attempt { $n } · { $date } · { $percent }% · { $verdict }
review-yours_marked = Your answer ({ $mark }):
review-right = Right answer:
review-unanswered = (not answered)

## outline

outline-completed = ✓ Course completed. Press c for your certificate.
outline-progress = Done: { $finished } of { $required } lessons and quizzes needed to complete the course.
outline-not_complete = The course is not complete yet: the outline shows what is left.
outline-certificate_written = ✓ Certificate written to { $folder } · code { $code }
outline-best = best { $percent }%
outline-lesson = lesson
outline-quiz = quiz
outline-language_name = { $code ->
    [en] English
    [fr] French
    [es] Spanish
    [pt] Portuguese
    [ar] Arabic
    [sw] Swahili
   *[other] { $code }
}
outline-other_language = This course has no { $wanted } version: it is shown in { $shown }.

## status

status-not_started = not started
status-in_progress = in progress
status-done = done
status-passed = passed
status-failed = failed
status-updated = updated since you read it

## lesson

lesson-position = { $first }–{ $last } of { $total } ({ $percent }%)
lesson-read = ✓ read
lesson-other_language = Not translated into { $wanted } yet: shown in { $shown }.
lesson-speech_missing = Reading aloud needs the espeak-ng program, which is not installed on this computer. A coordinator can install it (on Debian or Ubuntu: sudo apt install espeak-ng).
lesson-speaking = Reading aloud. Press the same key again to stop.
lesson-speech_stopped = Stopped reading aloud.

## quiz

quiz-intro_review = v: look back at past attempts.
quiz-type_first = Type an answer before pressing Enter.
quiz-type_number = Type a number (like 1979 or 0.5) before pressing Enter.
quiz-match_all = Choose a match for every item (← → or a number) before pressing Enter.
quiz-type_a_number = Type a number, then Enter.
quiz-type_answer = Type your answer, then Enter. Case and accents do not matter.
quiz-arrange = Put the items in order: Space takes or drops the item under the cursor; ↑ ↓ move it. Then Enter.
quiz-pair = For each item choose its match: ← → change it, or type the option's number. Then Enter.
quiz-hints_left = { $count ->
        [one] h opens a hint (1 left).
       *[other] h opens a hint ({ $count } left).
    }
quiz-hints_left_typing = { $count ->
        [one] F3 opens a hint (1 left).
       *[other] F3 opens a hint ({ $count } left).
    }
quiz-hint = Hint { $n }: { $text }
quiz-your_answer = Your answer:
quiz-right_order = The right order:
quiz-accepted = Right answers: { $answers }
quiz-accepted_as = Accepted as: { $answer }
quiz-loading = Loading…
quiz-intro_questions = Questions: { $count }
quiz-intro_pass_mark = Pass mark: { $mark }%
quiz-intro_attempts = Attempts used: { $used } of { $max }
quiz-intro_attempts_unlimited = Attempts used: { $used } (no limit)
quiz-intro_best = Your best score so far: { $percent }%
quiz-intro_start = Press Enter to start.
quiz-intro_continue = You have an unfinished attempt ({ $answered } of { $total } answered). Press Enter to continue it.
quiz-no_attempts_left = You have used every attempt at this quiz.
quiz-progress = Question { $n } of { $total }
quiz-choose_one = Choose one answer: ↑ ↓ or its number, then Enter.
quiz-choose_several = Choose every right answer: Space picks or unpicks, then Enter.
quiz-pick_first = Pick at least one answer with Space (or its number) before pressing Enter.
quiz-true = True
quiz-false = False
quiz-right_answer = ← right answer
quiz-not_right = ← your answer
quiz-mark_right = right
quiz-mark_partly = partly
quiz-mark_wrong = wrong
quiz-correct = ✓ Right.
quiz-incorrect = ✗ Not right.
quiz-partly = ◐ Partly right: { $score } of { $max ->
        [one] { $max } point.
       *[other] { $max } points.
    }
quiz-explanation = Why
quiz-saved = ✓ Answer saved. Press Enter to go on.
quiz-more_below = ↓ more below
quiz-finish_retry = The end of your attempt was not recorded yet. Press Enter to try again.
quiz-save_retry = Your answer was not saved, so it is still yours to change. Press Enter to try again.
quiz-finishing = Adding up your score…
quiz-score = Score: { $score } of { $max ->
        [one] { $max } point
       *[other] { $max } points
    } ({ $percent }%)
quiz-passed = ✓ Passed (pass mark { $mark }%)
quiz-failed = ✗ Not passed yet (pass mark { $mark }%)
quiz-results_retry = Press r to try again, v to review, Enter for the next item, q for the outline.
quiz-results_retry_left = Press r to try again (attempts left: { $left }), v to review, Enter for the next item, q for the outline.
quiz-results_no_retry = No attempts left. Press v to review, Enter for the next item, q for the outline.

## backup

backup-no_room = A backup of the records could not be made: the disk is full. Everything else goes on; tell a facilitator.
backup-folder = A backup of the records could not be made: the folder { $path } cannot be written. Everything else goes on; tell a facilitator.
backup-bad_copy = A backup of the records did not pass its check and was deleted: the records file may be damaged. Everything else goes on; ask a facilitator to run hatua doctor.
backup-failed = A backup of the records could not be made ({ $detail }). Everything else goes on; tell a facilitator.

## damaged

damaged-title = The records could not be opened
damaged-found = Hatua's records file is damaged ({ $reason }). It was set aside unchanged, as { $file } in the data folder, for a specialist to recover.
damaged-found_earlier = Hatua's records file was set aside as damaged ({ $file } in the data folder), and nothing has taken its place yet.
damaged-backup = The newest good backup was made { $time }. What was recorded after that time is not in it.
damaged-no_backup = There is no backup of the records to put back.
damaged-restore = Put the backup back and go on
damaged-empty = Start with empty records
damaged-close = Close Hatua (this screen comes back at the next start)
damaged-ask = Learners: ask a facilitator before choosing.
damaged-failed = The records could not be put in place: { $detail }. Nothing else was changed; try again, or ask a facilitator.
damaged-restored = The backup made { $time } is back in place. What was recorded after that time is not in it.
damaged-started_empty = Empty records have begun. The damaged file stays in the data folder.
damaged-foreign_wal = A file of recent changes beside the records belonged to another database (copied from another computer?), so it was not applied. It is kept as { $file }; the records are as they were last written.

## footer
# The footer's word for each key, after the key itself: "Enter open", "q back". Keep them
# short: the footer shows as many as fit in the terminal's width.

footer-hide = hide
footer-help = help
footer-choose = choose
footer-open = open
footer-learners = learners
footer-quit = quit
footer-quit_yes = quit
footer-stay = stay
footer-facilitator = facilitator
footer-continue = continue
footer-back = back
footer-cancel = cancel
footer-save = save
footer-field = field
footer-change = change
footer-profile = profile
footer-switch = switch learner
footer-courses = courses
footer-certificate = certificate
footer-scroll = scroll
footer-page = page
footer-next = next
footer-prev = previous
footer-start = start
footer-submit = submit
footer-hint = hint
footer-pick = pick
footer-move = move
footer-take = take or drop
footer-review = review
footer-retry = try again
footer-try_again = try again
footer-yes = yes
footer-no = no
footer-choose_this = choose
footer-reset_pin = reset PIN
footer-archive = archive
footer-delete = delete
footer-merge = merge
footer-grant = grant
footer-import = import
footer-sign_out = sign out
footer-install = install
footer-install_all = install all
footer-rescan = look again
footer-export = export
footer-reports = reports
footer-hub = merge drive
footer-names = names
footer-all_new = all or new
footer-write = write
footer-sync = send to LRS
footer-send = send
footer-stop = stop
footer-merge_one = merge
footer-merge_all = merge all
footer-pick_picture = pick
footer-erase = undo
footer-picture = picture
footer-picture_pin = picture PIN

## help

help-title = Keys
help-close = Press any key to close.
help-more = … and { $count } more, which a taller window shows.

## keys

keys-certificate = write your certificate (a completed course)
keys-type_answer = type your answer
keys-hint = open a hint
keys-match_choice = change the match of the item
keys-review = look back at past attempts
keys-import = import courses from a USB drive
keys-type_name = type your name to find or create your profile
keys-move = move the selection
keys-choose_learner = open the selected learner
keys-erase = erase a letter
keys-clear_or_quit = clear the name; quit when empty
keys-help = show these keys
keys-quit = quit Hatua from anywhere
keys-hide = hide this screen at once (quick exit)
keys-facilitator = the facilitator's screen (password)
keys-plain_mode = go on in plain mode, line by line, for a screen reader
keys-language = switch the language: English, Français, Español
keys-profile = your profile: name, PIN, language, theme
keys-field = move between fields
keys-choose_option = change a choice
keys-type_field = type into a text field
keys-save = save
keys-cancel = cancel
keys-reset_pin = remove the selected learner's PIN
keys-archive = archive or bring back the selected learner
keys-delete = delete the selected learner and their records
keys-merge = merge the selected learner into another profile of the same person
keys-grant = give one more attempt at a quiz whose attempts are used up
keys-sign_out = leave the facilitator's screen
keys-open_course = open the course
keys-switch_learner = back to “Who is learning?”
keys-open_item = open the lesson or quiz
keys-back_library = back to the courses
keys-scroll_line = scroll one line
keys-scroll_page = scroll one page
keys-scroll_ends = go to the start or the end
keys-back_outline = back to the course outline
keys-pick_number = pick an answer by its number
keys-toggle = pick or unpick an answer
keys-submit = submit the answer, then go on
keys-retry = try the quiz again
keys-space = Space
keys-letters = letters
keys-ends = go to the first or the last
keys-quit_yes = quit Hatua
keys-quit_no = stay
keys-damaged_choose = do what the selected line says
keys-damaged_close = close Hatua; nothing changes, and this screen comes back at the next start
keys-type_pin = type the PIN (digits)
keys-type_password = type the password
keys-new_learner_enter = go on; with no PIN, create the profile
keys-back_picker = back to “Who is learning?”
keys-open_profile = open the profile
keys-sign_in = open the facilitator's screen
keys-set_password = go on; after the second time, set the password
keys-confirm_yes = yes, do it
keys-confirm_no = no, change nothing
keys-choose_this = choose the selected one
keys-back_board = back to the facilitator's screen
keys-rescan = look at the drives again
keys-install_one = install the selected course
keys-install_all = install every course found
keys-install_yes = yes, install
keys-install_no = no, install nothing
keys-next_item = the next lesson or quiz
keys-read_aloud = read the page aloud (espeak-ng)
keys-read_question_aloud = read the question aloud (espeak-ng)
keys-prev_item = the previous lesson or quiz
keys-open_attempt = open the selected attempt
keys-back_quiz = back to the quiz
keys-back_attempts = back to the list of attempts
keys-start_quiz = start an attempt
keys-continue_attempt = go on with the unfinished attempt
keys-move_answer = move between the answers
keys-pick_one = choose the answer under the cursor
keys-toggle_number = pick or unpick the answer with that number
keys-move_item = move the cursor, or the item taken with it
keys-take_item = take the item under the cursor, or put it down
keys-move_row = move between the items to match
keys-match_number = match the item with the option of that number
keys-next_question = go on to the next question
keys-scroll_page_ends = scroll a page; go to the start or the end
keys-try_again = try again to record the end of the attempt
keys-export = export this site's records to a drive
keys-reports = reports: courses, quizzes, questions
keys-hub = merge other sites' records from a drive (a trainer's hub)
keys-export_names = put learners' names in the file, or not
keys-export_all = every record, or only what is new
keys-export_write = write the export to the selected drive
keys-sync = send the records on to the organisation's Learning Record Store
keys-sync_send = send the records now
keys-sync_stop = stop after the batch being sent (what the LRS acknowledged is kept)
keys-back_up = back
keys-report_open = open the selected course or quiz
keys-report_learners = each learner: courses done, best scores, attempts, certificates
keys-merge_one = merge the selected export
keys-merge_all = merge every export found
keys-pick_picture = pick the picture with that number
keys-move_grid = move among the pictures
keys-take_picture = pick the picture marked ▶
keys-erase_picture = take back the last picture picked
keys-change_picture = choose another picture
keys-picture_colour = another colour for your picture
keys-picture_pin = a PIN of three pictures instead of digits
keys-back_digits = back to a PIN of digits
keys-back_form = back to the form, keeping the PIN as it was

## error
# What went wrong, as a learner or facilitator reads it on screen, with what to do next.

error-empty_name = A name needs at least one letter. Type it, then try again.
error-name_taken = There is already a learner called “{ $name }” on this computer (perhaps an archived profile); names that differ only in capitals or accents count as the same. If that is you, choose it from the list; otherwise add a family name or an initial.
error-same_name = Several learners are called “{ $name }”. Ask a facilitator to rename one of them.
error-no_learner = This profile is not on this computer any more. Go back to “Who is learning?” and choose your name again.
error-attempt = This quiz attempt cannot take answers any more. Go back to the quiz and start it again; your earlier answers are kept.
error-already_answered = This question was already answered in this attempt; the first answer is kept. Go on to the next question.
error-clock = The computer's clock gives a time Hatua cannot record. Ask someone to set the date and time, then try again.
error-disk_full = The disk is full, so nothing was saved. Ask a facilitator to free some space, then try again.
error-drive_full = The drive is full: { $path } could not be written. Free some space on it, or use another drive; nothing was marked as exported.
error-read_only = Hatua's records cannot be written here (the disk or folder is read-only). Ask a facilitator, then try again.
error-cannot_write = Hatua cannot write to { $path }. Ask a facilitator to check the folder, then try again.
error-other = Something went wrong and nothing was changed: { $detail }. Try again; if it keeps happening, tell a facilitator.

# Plain mode (hatua --plain): each screen written once as lines, for screen readers.
plain-welcome = Hatua, plain mode. Type the number of a choice and press Enter. Enter alone goes on. Type ? for help.
plain-help = In plain mode, each answer is a line ended with Enter.
    A number chooses from a numbered list; on a question of several answers, or of order or matching, type several numbers with spaces between.
    Enter alone goes on: the next part of a lesson, the next question.
    A single letter is a key the screen names, like q to go back or r to try again.
    Ctrl+X then Enter hides everything at once (quick exit). Ctrl+D closes Hatua; your work is kept.
plain-languages = Languages: { $list }. Type one to change.
plain-name_prompt = Your name, or a number:
plain-create = New learner “{ $name }”
plain-pin_new = PIN, or Enter for none:
plain-pin_again = The same PIN again:
plain-pin_prompt = PIN, or Enter alone to go back:
plain-course_done = { $percent }% done
plain-unavailable = cannot open now
plain-course_prompt = Number of a course, or q to change learner:
plain-item_prompt = Number of a lesson or quiz, or q for the courses:
plain-item_prompt_certificate = Number of a lesson or quiz, c for your certificate, or q for the courses:
plain-lesson_more = Enter for more, q for the outline:
plain-lesson_end = End of the lesson. Enter for the next item, q for the outline:
plain-quiz_intro_prompt = Enter, a letter, or q for the outline:
plain-enter_or_letter = Enter, or a letter:
plain-enter = Press Enter:
plain-next = Enter for the next question:
plain-hint = Hint
plain-choose_one = Number of your answer:
plain-choose_many = Numbers of every answer you choose, with spaces between:
plain-type_text = Your answer:
plain-type_number = Your answer, a number:
plain-order = The numbers in the right order, first to last, with spaces between:
plain-match_options = Matches:
plain-match = For A, B and so on in turn, the number of its match, with spaces between:
plain-you_answered = You answered: { $answer }
plain-right_answer = The right answer: { $answer }
plain-review_back = Enter for the list of attempts:
plain-attempt_prompt = Number of an attempt, or Enter to go back:
plain-not_here = This screen is only in the full-screen player. Press Enter to go back.
plain-bad_number = Type a number from 1 to { $max }.
plain-each_once = Type each number from 1 to { $max } once, in the order you choose.
plain-one_each = Type { $count } numbers, one for each of A, B and so on.
plain-picture_pin = Your PIN is three pictures: type their three numbers, then Enter. The pictures: { $grid }.
plain-sun = sun
plain-tree = tree
plain-house = house
plain-fish = fish
plain-star = star
plain-cup = cup
plain-key = key
plain-bird = bird
plain-flower = flower
