# Les phrases du lecteur Hatua, en français (syntaxe Project Fluent).

## app

app-name = Hatua
app-too_small = Cette fenêtre mesure { $width }×{ $height }. Hatua a besoin d’au moins { $min_width }×{ $min_height } : agrandissez-la ou réduisez la taille du texte. Ctrl-C pour quitter.

## picker

picker-title = Qui apprend ?
picker-prompt = Votre nom :
picker-empty = Aucun profil pour l’instant. Tapez votre nom et appuyez sur Enter pour commencer.
picker-create = + Nouveau profil « { $name } » (appuyez sur Enter)
picker-has_pin = (code PIN)
picker-paused = (en pause { $time })
picker-quit_question = Fermer Hatua ? La personne suivante devra le relancer. Appuyez sur y pour fermer, sur n pour rester.
picker-language_key = Tab : langue
picker-plain_key = F3 : mode texte, pour lecteurs d’écran
picker-profile_gone = Ce profil a été supprimé par une personne chargée de la formation ; ses données ne sont plus sur cet ordinateur. Choisissez à nouveau votre nom, ou créez un profil.

## library

library-builtin = intégré
library-signed_by = signé par { $name }
library-unknown_signer = signé par une clé inconnue
library-unsigned = non signé
library-title = Cours
library-empty = Aucun cours n’est disponible.
library-details = environ { $minutes } min · { $items } activités
library-unavailable = indisponible
library-unavailable_hint = Demandez une copie corrigée à votre formatrice ou formateur ; `hatua validate` montre tous les problèmes.
library-continue = Reprendre où vous en étiez
library-continue_to = Reprendre où vous en étiez : { $title }
library-refused = Ce cours ne peut pas s’ouvrir : { $reason }

## signin

signin-pin_title = Bienvenue à nouveau, { $name }
signin-pin_label = Code PIN :
signin-pin_again = Répétez le code PIN :
signin-pin_help = Tapez votre code PIN et appuyez sur Enter. Esc pour revenir à la liste des profils.
signin-wrong_pin = Ce code PIN n’est pas le bon. { $left ->
        [one] Encore un code erroné et ce profil sera mis en pause.
       *[other] Il reste { $left } essais avant une pause.
    }
signin-paused = Trop de codes PIN erronés : ce profil est en pause pendant { $time }. La personne qui anime la formation peut réinitialiser le code PIN.
signin-new_title = Bienvenue, { $name } !
signin-new_pin_intro = Vous pouvez protéger votre profil avec un code PIN de 4 à 8 chiffres, pour que personne d’autre ne puisse l’ouvrir. Laissez vide si vous ne voulez pas de code PIN.
signin-new_help = Enter pour continuer ; sans code PIN, Enter crée votre profil tout de suite. Esc pour revenir.
signin-pin_format = Un code PIN comporte de 4 à 8 chiffres.
signin-pin_mismatch = Les deux codes PIN ne sont pas identiques. Tapez à nouveau le code PIN.
signin-picture_label = Votre image (← → pour changer, F4 : couleur) :
signin-picture_pin_offer = Ou appuyez sur F3 pour un code PIN de trois images.
signin-picture_pin_title = { $name }, choisissez vos trois images
signin-picture_pin_label = Images :
signin-picture_pin_help = Choisissez avec 1–9, ou les flèches et Entrée. Retour arrière : annuler.
signin-picture_pin_choose = Choisissez trois images pour votre code PIN, dans l’ordre.
signin-picture_pin_again = Choisissez à nouveau les trois mêmes images.
signin-picture_pin_mismatch = Les images ne sont pas les mêmes. Choisissez à nouveau trois images.

## profile

profile-title = Votre profil
profile-name = Nom :
profile-language = Langue :
profile-theme = Couleurs :
profile-theme_name = { $theme ->
    [high-contrast] contraste élevé
    [monochrome] noir et blanc
   *[default] par défaut
}
profile-pin_is_set = Votre profil a un code PIN. Pour le changer, tapez le nouveau code deux fois.
profile-pin_not_set = Votre profil n’a pas de code PIN. Pour en ajouter un, tapez-le deux fois (4 à 8 chiffres).
profile-new_pin = Nouveau code PIN :
profile-remove_pin = Supprimer le code PIN :
profile-yes = oui
profile-no = non
profile-name_empty = Le nom doit avoir au moins une lettre.
profile-help = ↑ ↓ pour passer d’un champ à l’autre, ← → ou Espace pour changer un choix, Enter pour enregistrer, Esc pour annuler. Votre nom peut être un pseudonyme : aucune autre information ne permet de vous identifier.
profile-saved = ✓ Profil enregistré.
profile-picture = Image :
profile-colour = Couleur de l’image :
profile-colour_name = { $colour ->
    [yellow] jaune
    [green] vert
    [cyan] turquoise
    [blue] bleu
    [magenta] rose
   *[red] rouge
}
profile-picture_pin = Code PIN en images :
profile-picture_pin_pick = en choisir trois
profile-picture_pin_ready = choisi, Entrée enregistre
profile-picture_pin_is_set = Votre profil a un code PIN en images. Pour le changer, tapez un nouveau code ou choisissez de nouvelles images.

## facilitator

facilitator-paused = Trop de mots de passe erronés : l’espace animation est en pause pendant { $time }.
facilitator-title = Espace animation
facilitator-password = Mot de passe :
facilitator-new_password = Nouveau mot de passe :
facilitator-again = Répétez le mot de passe :
facilitator-create_intro = Aucun mot de passe d’animation n’est encore défini sur cet ordinateur. Choisissez-en un d’au moins { $min } caractères, et ne le communiquez pas aux personnes en formation.
facilitator-site_name = Nom de ce site :
facilitator-site_help = Le nom que les exports, attestations et rapports donnent à ce lieu, comme « Centre des femmes de Kisumu ».
facilitator-login_help = Enter pour continuer. Esc pour revenir à la liste des profils.
facilitator-wrong_password = Ce mot de passe n’est pas le bon.
facilitator-too_short = Un mot de passe d’animation doit comporter au moins { $min } caractères.
facilitator-merge_same = Choisissez un autre profil : un profil ne peut pas être fusionné avec lui-même.
facilitator-mismatch = Les deux mots de passe ne sont pas identiques. Tapez-les à nouveau.
facilitator-board_title = Personnes inscrites ({ $count })
facilitator-no_learners = Aucune personne inscrite pour l’instant.
facilitator-no_courses = Aucun cours commencé pour l’instant.
facilitator-flag_pin = PIN
facilitator-flag_paused = en pause { $time }
facilitator-flag_archived = archivé
facilitator-courses_of = Progression de { $name }
facilitator-quizzes = quiz réussis : { $passed } sur { $total }
facilitator-no_pin = Cette personne n’a pas de code PIN à réinitialiser.
facilitator-confirm_reset = Supprimer le code PIN de { $name }, pour que cette personne puisse se connecter et en choisir un nouveau ? Appuyez sur y pour confirmer, sur n pour annuler.
facilitator-confirm_delete = Supprimer { $name } et toutes ses données ? C’est définitif ; l’archivage, lui, garde les données. Appuyez sur y pour confirmer, sur n pour annuler.
facilitator-cancelled = Rien n’a été changé.
facilitator-merge_none = Il n’y a pas d’autre profil avec lequel fusionner.
facilitator-grant_none = Cette personne a encore des tentatives pour chaque quiz, ou l’a réussi.
facilitator-merge_pick = Fusionner { $name } dans quel profil ? Placez-vous dessus avec ↑ ↓ et appuyez sur Enter ; Esc annule.
facilitator-confirm_merge = Déplacer toutes les données de { $from } vers { $into } et supprimer le profil { $from } ? { $into } garde son nom et son code PIN. Appuyez sur y pour confirmer, sur n pour annuler.
facilitator-confirm_grant = Donner à { $name } une tentative de plus au quiz choisi ci-dessus (↑ ↓) ? Appuyez sur Enter pour confirmer, sur Esc pour annuler.

## preview

preview-reloaded = ↻ Le cours a changé sur le disque et a été rechargé.

## import

import-title = Importer depuis une clé
import-scanning = Recherche de cours sur les clés et disques…
import-no_drives = Aucune clé ni disque amovible n’a été trouvé. Branchez-en un et appuyez sur r.
import-drive = Support { $path }
import-no_bundles = aucun cours ici ({ $extent })
import-installed_now = installé ici : { $version } · { $standing }
import-cannot = impossible à installer : { $reason }
import-confirm_one = « { $title } » n’est pas signé par un éditeur reconnu par cet ordinateur : quelqu’un a pu le modifier en chemin. L’installer quand même ?
import-confirm_many = { $count } de ces cours ne sont pas signés par un éditeur reconnu par cet ordinateur : quelqu’un a pu les modifier en chemin. Les installer quand même ?
import-replaces = remplace la copie installée ({ $standing })
import-importing = Installation… { $done } sur { $total }
import-row_installed = installé
import-row_updated = mis à jour
import-row_skipped = ignoré
import-row_refused = refusé
import-done_help = La progression est conservée activité par activité : une nouvelle version d’un cours garde ce que chaque personne a fait.
import-refuse_untrusted = ce site n’installe que les cours signés par un éditeur de confiance (install = "trusted" dans la configuration), et celui-ci est { $standing ->
    [signed] signé par { $signer }
    [unknown] signé par une clé inconnue
   *[unsigned] non signé
}
import-refuse_unsigned = ce site n’installe que les cours signés (install = "signed" dans la configuration), et celui-ci n’est pas signé
import-refuse_other_publisher = la version installée est { $old_standing ->
    [signed] signée par { $old_signer }
    [unknown] signée par une clé inconnue
   *[unsigned] non signée
}, et celle-ci est { $standing ->
    [signed] signée par { $signer }
    [unknown] signée par une clé inconnue
   *[unsigned] non signée
} ; ajoutez --force pour la remplacer quand même
import-skip_installed = la version { $version } est déjà installée
import-refuse_newer = la version { $installed }, plus récente, est installée ; ajoutez --force pour revenir à la { $version }
import-course_errors = le cours contient des erreurs ({ $first }) ; `hatua validate` sur la copie de la personne qui forme les liste toutes
import-tampered = { $change ->
    [missing] Le fichier `{ $file }` du paquet manque : il a été emballé mais n’y est plus
    [added] Le fichier `{ $file }` a été ajouté au paquet après l’emballage
   *[modified] Le fichier `{ $file }` du paquet a été modifié après l’emballage
}. Ce n’est pas le paquet d’origine, on ne peut donc pas s’y fier ; demandez une nouvelle copie à la personne qui forme.
import-bad_signature = La signature du paquet ne correspond pas à son MANIFEST.toml : le paquet a été modifié après sa signature, on ne peut donc pas s’y fier. Demandez une nouvelle copie à la personne qui forme.
import-not_a_bundle = { $path } n’est pas un paquet de cours : il n’y a pas de course.toml à sa racine. Choisissez le dossier du cours lui-même, ou le .zip fait par `hatua pack`.
import-row_unsigned = non signé : personne ne garantit cette copie ; un site peut n’accepter que les cours signés avec install = "signed"
import-row_standing = { $standing ->
    [signed] signé par { $signer }
    [unknown] signé par une clé inconnue
   *[unsigned] non signé
}
import-row_replaces = { $standing ->
    [signed] signé par { $signer }
    [unknown] signé par une clé inconnue
   *[unsigned] non signé
} ; remplace une copie { $old_standing ->
    [signed] signée par { $old_signer }
    [unknown] signée par une clé inconnue
   *[unsigned] non signée
}
import-gone = il n’est plus là : la clé a-t-elle été retirée ? Remettez-la et cherchez à nouveau (r).
import-unreadable = Ce paquet ne peut pas être lu (détail en anglais) : { $detail }

## export

export-title = Exporter les données vers une clé
export-looking = Recherche des clés et décompte des nouveautés…
export-no_drives = Aucune clé ni disque amovible n’a été trouvé. Branchez-en un et appuyez sur r.
export-counts_new = Nouveau depuis le dernier export de { $site } : { $learners ->
        [one] { $learners } personne
       *[other] { $learners } personnes
    } avec de nouvelles données, { $attempts ->
        [one] { $attempts } essai
       *[other] { $attempts } essais
    }, { $answers ->
        [one] { $answers } réponse
       *[other] { $answers } réponses
    }. Appuyez sur Enter pour les écrire sur la clé ci-dessus.
export-counts_all = Toutes les données de { $site } : { $learners ->
        [one] { $learners } personne
       *[other] { $learners } personnes
    }, { $attempts ->
        [one] { $attempts } essai
       *[other] { $attempts } essais
    }, { $answers ->
        [one] { $answers } réponse
       *[other] { $answers } réponses
    }. Appuyez sur Enter pour les écrire sur la clé ci-dessus.
export-nothing_new = Rien de nouveau depuis le dernier export. Appuyez sur a pour tout exporter à nouveau.
export-nothing_at_all = Il n’y a encore aucune donnée à exporter.
export-names = Mettre les noms des personnes dans le fichier (Espace)
export-names_warning = Sans les noms, chaque personne est un identifiant et son site. Certains cours traitent de la violence fondée sur le genre : n’envoyez les noms que si le programme en a besoin et que la clé est gardée en lieu sûr.
export-writing = Écriture… { $done } sur { $total } déclarations
export-written = ✓ Écrit dans { $file }. Apportez la clé à la personne qui forme ; le prochain export ne contiendra que ce qui est nouveau après celui-ci.

## reports

reports-title = Rapports
reports-counting = Calcul…
reports-courses_head = Cours · Commencé · Terminé · Taux · Moy. meilleurs · Attestations
reports-quizzes_head = Quiz · Essais · Réussis · Résultats 0–100 %
reports-questions_head = Question · Réponses · Justes · Discrimination
reports-no_certificates = Pas encore d’attestation.
reports-certificates = Attestations : { $codes }
reports-last_seen = Vue pour la dernière fois : { $date }
reports-learner_quizzes_head = Quiz · Meilleur · Essais
reports-learner_courses_head = Cours · Éléments faits · Terminé
reports-learners_head = Personne · Cours finis · Moy. max · Essais · Vue le
reports-learners_title = Personnes en formation
reports-most_wrong = Mauvaise réponse la plus donnée : { $answer } ({ $count })
reports-low_discrimination = Les personnes qui ont bien réussi le quiz ne font pas mieux à cette question : vérifiez qu’elle est claire et que la bonne réponse est juste.

## hub

hub-title = Fusionner les données d’une clé
hub-looking = Recherche d’exports de données sur les clés…
hub-none = Aucun export de données (*.hatua-records.zip) n’a été trouvé. Branchez une clé et appuyez sur r.
hub-merging = Fusion…
hub-merged = { $site } : { $learners ->
        [one] { $learners } personne
       *[other] { $learners } personnes
    }, { $attempts ->
        [one] { $attempts } essai
       *[other] { $attempts } essais
    }, { $answers ->
        [one] { $answers } réponse
       *[other] { $answers } réponses
    } ajoutés ; { $skipped } données étaient déjà là.
hub-trusted = Signé avec la clé approuvée sous le nom « { $name } ».
hub-new_site = { $name } est nouveau ici et sa clé n’est pas dans la liste des clés approuvées : désormais, seuls les exports signés avec cette clé seront acceptés pour ce site.
hub-refused_other_key = { $path } : refusé : il dit venir du site { $site }, mais il est signé avec une autre clé que les exports précédents de ce site. Si le dossier de données du site a été refait, vérifiez auprès de la personne qui l’anime avant de fusionner
hub-refused_untrusted = { $path } : refusé : le site { $site } signe avec une clé à laquelle ce poste central ne fait pas confiance (ed25519:{ $key }). Si c’est un site du programme, faites-lui confiance avec `hatua trust add --name "{ $site }" site.key.pub` (le fichier à côté de son site.key), puis fusionnez à nouveau
hub-refused_signature = { $path } : refusé : la signature du site ne correspond pas : l’export a été modifié après avoir été écrit
hub-refused_changed = { $path } : refusé : { $file } a été modifié après l’écriture de l’export (son sha256 diffère de celui du manifeste)
hub-merge_failed = Impossible de fusionner ce fichier (détail en anglais) : { $detail }

## sync

sync-title = Envoyer les données au LRS
sync-intro = Le LRS (Learning Record Store) de l’organisation conserve les données de tous les sites. Seul ce qu’il n’a pas encore confirmé est envoyé, et un envoi interrompu reprend la fois suivante.
sync-address = Adresse
sync-user = Utilisateur
sync-password = Mot de passe
sync-names = Mettre les noms des personnes dans les déclarations (Espace)
sync-names_warning = Sans les noms, chaque personne est un identifiant et son site. N’envoyez les noms que si le programme en a besoin.
sync-never = Rien n’a encore été envoyé à un LRS depuis cet ordinateur.
sync-last_done = Dernier envoi, { $when }, vers { $lrs } : { $sent } envoyées, { $there } déjà présentes, { $rejected } refusées.
sync-last_cut = Le dernier envoi, { $when }, vers { $lrs }, s’est arrêté avant la fin : { $sent } envoyées, { $there } déjà présentes. Le prochain envoie le reste.
sync-fill_in = Indiquez l’adresse du LRS et l’utilisateur avec lequel se connecter.
sync-sending = Envoi… { $done } sur { $total } déclarations
sync-stopping = Arrêt après ce lot… { $done } sur { $total } déclarations
sync-done = ✓ Terminé : { $sent } envoyées, { $there } déjà présentes, { $rejected } refusées.
sync-nothing = { $earlier ->
        [0] Il n’y a encore rien à envoyer ; l’adresse et la connexion fonctionnent.
        [one] Rien de nouveau à envoyer : le LRS a déjà la déclaration.
       *[other] Rien de nouveau à envoyer : le LRS a déjà les { $earlier } déclarations.
    }
sync-stopped = Arrêté. Ce que le LRS a confirmé est conservé ; le prochain envoi envoie le reste.
sync-bad_url = « { $url } » n’est pas l’adresse d’un LRS : elle ressemble à https://lrs.example.org/xAPI.
sync-login = Le LRS à { $url } a refusé la connexion de « { $user } ». Vérifiez l’utilisateur et le mot de passe (la clé et le secret du LRS), puis envoyez à nouveau.
sync-wrong_url = Il n’y a pas de LRS à { $url } (il a répondu HTTP { $status }). Vérifiez l’adresse : c’est le point d’accès xAPI du LRS, qui se termine souvent par /xAPI.
sync-server = Le LRS à { $url } a eu un problème (HTTP { $status }) : { $reason }. Réessayez plus tard ; rien n’est perdu.
sync-unreachable = Impossible de joindre le LRS à { $url } : { $reason }. Vérifiez l’adresse et le réseau, puis envoyez à nouveau ; rien n’est perdu.
sync-rejected_one = Refusée : { $what }. Le LRS a répondu : { $reason }. Elle sera renvoyée au prochain envoi.

## certificate

certificate-title = Attestation de réussite
certificate-certifies = La présente atteste que
certificate-completed = a terminé le cours
certificate-details = version { $version }, le { $date }, avec un résultat de { $score } %, à { $site }.
certificate-publisher = Cours publié par { $publisher }.
certificate-code = Code de vérification : { $code }
certificate-check = Sur l’ordinateur qui l’a délivrée : hatua certificate verify { $code }. Ailleurs, la déclaration signée ci-dessous (ou son code QR) se vérifie hors ligne : hatua certificate verify avec la déclaration ou ce fichier.
certificate-signed = Déclaration signée
certificate-builtin = Hatua (un cours intégré)
certificate-unknown_signer = un éditeur dont ce site ne connaît pas la clé
certificate-unsigned = personne (un cours non signé)

## review

review-title = Tentatives passées : { $quiz }
review-none = Aucune tentative terminée pour l’instant.
review-attempt = Tentative { $n } · { $date } · { $percent } % · { $verdict }
review-yours_marked = Votre réponse ({ $mark }) :
review-right = Bonne réponse :
review-unanswered = (sans réponse)

## outline

outline-completed = ✓ Cours terminé. Appuyez sur c pour votre attestation.
outline-progress = Fait : { $finished } sur { $required } leçons et quiz nécessaires pour terminer le cours.
outline-not_complete = Le cours n’est pas encore terminé : le plan montre ce qui reste.
outline-certificate_written = ✓ Attestation écrite dans { $folder } · code { $code }
outline-best = meilleur { $percent } %
outline-lesson = leçon
outline-quiz = quiz
outline-language_name = { $code ->
    [en] anglais
    [fr] français
    [es] espagnol
    [pt] portugais
    [ar] arabe
    [sw] swahili
   *[other] { $code }
}
outline-other_language = Ce cours n’existe pas en { $wanted } : il s’affiche en { $shown }.

## status

status-not_started = à commencer
status-in_progress = en cours
status-done = terminée
status-passed = réussi
status-failed = pas encore réussi
status-updated = mise à jour depuis votre lecture

## lesson

lesson-position = { $first }–{ $last } sur { $total } ({ $percent } %)
lesson-read = ✓ lu
lesson-other_language = Pas encore traduit en { $wanted } : affiché en { $shown }.
lesson-speech_missing = La lecture à voix haute a besoin du programme espeak-ng, qui n’est pas installé sur cet ordinateur. La personne qui coordonne le site peut l’installer (sous Debian ou Ubuntu : sudo apt install espeak-ng).
lesson-speaking = Lecture à voix haute. Appuyez de nouveau sur la même touche pour l’arrêter.
lesson-speech_stopped = Lecture à voix haute arrêtée.

## quiz

quiz-intro_review = v : revoir les tentatives passées.
quiz-type_first = Tapez une réponse avant d’appuyer sur Enter.
quiz-type_number = Tapez un nombre (comme 1979 ou 0,5) avant d’appuyer sur Enter.
quiz-match_all = Choisissez une correspondance pour chaque élément (← → ou un numéro) avant Enter.
quiz-type_a_number = Tapez un nombre, puis Enter.
quiz-type_answer = Tapez votre réponse, puis Enter. Majuscules et accents ne comptent pas.
quiz-arrange = Mettez les éléments dans l’ordre : Espace prend ou pose l’élément ; ↑ ↓ le déplacent. Puis Enter.
quiz-pair = Pour chaque élément, choisissez sa correspondance : ← → ou son numéro. Puis Enter.
quiz-hints_left = { $count ->
        [one] h ouvre un indice (il en reste { $count }).
       *[other] h ouvre un indice (il en reste { $count }).
    }
quiz-hints_left_typing = { $count ->
        [one] F3 ouvre un indice (il en reste { $count }).
       *[other] F3 ouvre un indice (il en reste { $count }).
    }
quiz-hint = Indice { $n } : { $text }
quiz-your_answer = Votre réponse :
quiz-right_order = Le bon ordre :
quiz-accepted = Bonnes réponses : { $answers }
quiz-accepted_as = Accepté comme : { $answer }
quiz-loading = Chargement…
quiz-intro_questions = Questions : { $count }
quiz-intro_pass_mark = Note pour réussir : { $mark } %
quiz-intro_attempts = Essais utilisés : { $used } sur { $max }
quiz-intro_attempts_unlimited = Essais utilisés : { $used } (sans limite)
quiz-intro_best = Votre meilleur résultat jusqu’ici : { $percent } %
quiz-intro_start = Appuyez sur Enter pour commencer.
quiz-intro_continue = Vous n’avez pas fini votre dernier essai (réponses : { $answered } sur { $total }). Appuyez sur Enter pour le reprendre.
quiz-no_attempts_left = Vous avez utilisé tous vos essais pour ce quiz.
quiz-progress = Question { $n } sur { $total }
quiz-choose_one = Choisissez une réponse : ↑ ↓ ou son numéro, puis Enter.
quiz-choose_several = Choisissez toutes les bonnes réponses : Espace pour cocher ou décocher, puis Enter.
quiz-pick_first = Choisissez au moins une réponse avec Espace (ou son numéro) avant d’appuyer sur Enter.
quiz-true = Vrai
quiz-false = Faux
quiz-right_answer = ← bonne réponse
quiz-not_right = ← votre réponse
quiz-mark_right = juste
quiz-mark_partly = en partie
quiz-mark_wrong = faux
quiz-correct = ✓ Bonne réponse.
quiz-incorrect = ✗ Ce n’est pas la bonne réponse.
quiz-partly = ◐ En partie juste : { $score } { $max ->
        [one] point sur { $max }.
       *[other] points sur { $max }.
    }
quiz-explanation = Pourquoi ?
quiz-saved = ✓ Réponse enregistrée. Appuyez sur Enter pour continuer.
quiz-more_below = ↓ la suite plus bas
quiz-finish_retry = La fin de votre essai n’est pas encore enregistrée. Appuyez sur Enter pour réessayer.
quiz-save_retry = Votre réponse n’a pas été enregistrée : vous pouvez encore la modifier. Appuyez sur Enter pour réessayer.
quiz-finishing = Calcul de votre résultat…
quiz-score = Résultat : { $score } { $max ->
        [one] point sur { $max }
       *[other] points sur { $max }
    } ({ $percent } %)
quiz-passed = ✓ Réussi (il fallait { $mark } %)
quiz-failed = ✗ Pas encore réussi (il faut { $mark } %)
quiz-results_retry = Appuyez sur r pour réessayer, v pour revoir, Enter pour l’activité suivante, q pour le plan du cours.
quiz-results_retry_left = Appuyez sur r pour réessayer (essais restants : { $left }), v pour revoir, Enter pour l’activité suivante, q pour le plan du cours.
quiz-results_no_retry = Plus aucun essai. Appuyez sur v pour revoir, Enter pour l’activité suivante, q pour le plan du cours.

## backup

backup-no_room = Une copie de sauvegarde des données n’a pas pu être faite : le disque est plein. Le reste continue ; prévenez la personne qui anime la formation.
backup-folder = Une copie de sauvegarde des données n’a pas pu être faite : impossible d’écrire dans le dossier { $path }. Le reste continue ; prévenez la personne qui anime la formation.
backup-bad_copy = Une copie de sauvegarde des données n’a pas passé sa vérification et a été supprimée : le fichier de données est peut-être endommagé. Le reste continue ; demandez à la personne qui anime la formation de lancer hatua doctor.
backup-failed = Une copie de sauvegarde des données n’a pas pu être faite ({ $detail }). Le reste continue ; prévenez la personne qui anime la formation.

## damaged

damaged-title = Les données n’ont pas pu être ouvertes
damaged-found = Le fichier de données de Hatua est endommagé ({ $reason }). Il a été mis de côté tel quel, sous le nom { $file } dans le dossier des données, pour qu’un spécialiste le récupère.
damaged-found_earlier = Le fichier de données de Hatua a été mis de côté car endommagé ({ $file } dans le dossier des données), et rien ne l’a encore remplacé.
damaged-backup = La copie de sauvegarde valide la plus récente date du { $time }. Ce qui a été enregistré après n’y figure pas.
damaged-no_backup = Il n’existe aucune copie de sauvegarde des données à remettre en place.
damaged-restore = Remettre cette copie en place et continuer
damaged-empty = Commencer avec des données vides
damaged-close = Fermer Hatua (cet écran reviendra au prochain démarrage)
damaged-ask = Apprenants et apprenantes : demandez d’abord à la personne qui anime la formation.
damaged-failed = Les données n’ont pas pu être remises en place : { $detail }. Rien d’autre n’a été modifié ; réessayez, ou demandez à la personne qui anime la formation.
damaged-restored = La copie de sauvegarde du { $time } est de nouveau en place. Ce qui a été enregistré après n’y figure pas.
damaged-started_empty = De nouvelles données vides ont commencé. Le fichier endommagé reste dans le dossier des données.
damaged-foreign_wal = Un fichier de modifications récentes à côté des données appartenait à une autre base (copiée depuis un autre ordinateur ?) ; il n’a donc pas été appliqué. Il est conservé sous le nom { $file } ; les données sont telles qu’elles ont été écrites en dernier.

## footer

footer-hide = cacher
footer-help = aide
footer-choose = choisir
footer-open = ouvrir
footer-learners = personnes
footer-quit = quitter
footer-quit_yes = quitter
footer-stay = rester
footer-facilitator = animation
footer-continue = continuer
footer-back = retour
footer-cancel = annuler
footer-save = enregistrer
footer-field = champ
footer-change = changer
footer-profile = profil
footer-switch = autre profil
footer-courses = cours
footer-certificate = attestation
footer-scroll = défiler
footer-page = page
footer-next = suivant
footer-prev = précédent
footer-start = commencer
footer-submit = valider
footer-hint = indice
footer-pick = cocher
footer-move = déplacer
footer-take = prendre ou poser
footer-review = revoir
footer-retry = réessayer
footer-try_again = réessayer
footer-yes = oui
footer-no = non
footer-choose_this = choisir
footer-reset_pin = effacer PIN
footer-archive = archiver
footer-delete = supprimer
footer-merge = fusionner
footer-grant = tentative
footer-import = importer
footer-sign_out = sortir
footer-install = installer
footer-install_all = tout installer
footer-rescan = relancer
footer-export = exporter
footer-reports = rapports
footer-hub = fusionner clé
footer-names = noms
footer-all_new = tout ou nouveau
footer-write = écrire
footer-sync = envoyer au LRS
footer-send = envoyer
footer-stop = arrêter
footer-merge_one = fusionner
footer-merge_all = tout fusionner
footer-pick_picture = prendre
footer-erase = annuler
footer-picture = image
footer-picture_pin = PIN en images

## help

help-title = Touches
help-close = Appuyez sur une touche pour fermer.
help-more = … et { $count } de plus, qu’une fenêtre plus haute affiche.

## keys

keys-certificate = écrire votre attestation (cours terminé)
keys-type_answer = tapez votre réponse
keys-hint = ouvrir un indice
keys-match_choice = changer la correspondance
keys-review = revoir les tentatives passées
keys-import = importer des cours depuis une clé USB
keys-type_name = tapez votre nom pour ouvrir ou créer un profil
keys-move = déplacer la sélection
keys-choose_learner = ouvrir le profil choisi
keys-erase = effacer une lettre
keys-clear_or_quit = effacer le nom ; quitter s’il est vide
keys-help = afficher ces touches
keys-quit = quitter Hatua depuis n’importe quel écran
keys-hide = cacher cet écran tout de suite (sortie rapide)
keys-facilitator = l’espace animation (mot de passe)
keys-plain_mode = continuer en mode texte, ligne par ligne, pour un lecteur d’écran
keys-language = changer de langue : English, Français, Español
keys-profile = votre profil : nom, PIN, langue, couleurs
keys-field = passer d’un champ à l’autre
keys-choose_option = changer un choix
keys-type_field = écrire dans un champ de texte
keys-save = enregistrer
keys-cancel = annuler
keys-reset_pin = supprimer le code PIN de la personne choisie
keys-archive = archiver ou rétablir la personne choisie
keys-delete = supprimer la personne choisie et ses données
keys-merge = fusionner la personne choisie avec un autre de ses profils
keys-grant = donner une tentative de plus à un quiz dont les tentatives sont épuisées
keys-sign_out = quitter l’espace animation
keys-open_course = ouvrir le cours
keys-switch_learner = retour à « Qui apprend ? »
keys-open_item = ouvrir la leçon ou le quiz
keys-back_library = retour aux cours
keys-scroll_line = défiler d’une ligne
keys-scroll_page = défiler d’une page
keys-scroll_ends = aller au début ou à la fin
keys-back_outline = retour au plan du cours
keys-pick_number = choisir une réponse par son numéro
keys-toggle = cocher ou décocher une réponse
keys-submit = valider la réponse, puis continuer
keys-retry = refaire le quiz
keys-space = Espace
keys-letters = lettres
keys-ends = aller au premier ou au dernier
keys-quit_yes = fermer Hatua
keys-quit_no = rester
keys-damaged_choose = faire ce que dit la ligne choisie
keys-damaged_close = fermer Hatua ; rien ne change, et cet écran reviendra au prochain démarrage
keys-type_pin = taper le code PIN (chiffres)
keys-type_password = taper le mot de passe
keys-new_learner_enter = continuer ; sans code PIN, créer le profil
keys-back_picker = retour à « Qui apprend ? »
keys-open_profile = ouvrir le profil
keys-sign_in = ouvrir l’espace animation
keys-set_password = continuer ; la deuxième fois, enregistrer le mot de passe
keys-confirm_yes = oui, le faire
keys-confirm_no = non, ne rien changer
keys-choose_this = choisir la ligne sélectionnée
keys-back_board = retour à l’espace animation
keys-rescan = chercher à nouveau sur les clés
keys-install_one = installer le cours choisi
keys-install_all = installer tous les cours trouvés
keys-install_yes = oui, installer
keys-install_no = non, ne rien installer
keys-next_item = activité suivante
keys-read_aloud = lire la page à voix haute (espeak-ng)
keys-read_question_aloud = lire la question à voix haute (espeak-ng)
keys-prev_item = activité précédente
keys-open_attempt = ouvrir la tentative choisie
keys-back_quiz = retour au quiz
keys-back_attempts = retour à la liste des tentatives
keys-start_quiz = commencer un essai
keys-continue_attempt = reprendre l’essai non terminé
keys-move_answer = passer d’une réponse à l’autre
keys-pick_one = choisir la réponse sous le curseur
keys-toggle_number = cocher ou décocher la réponse de ce numéro
keys-move_item = déplacer le curseur, ou l’élément pris avec lui
keys-take_item = prendre l’élément sous le curseur, ou le poser
keys-move_row = passer d’un élément à associer à l’autre
keys-match_number = associer l’élément à l’option de ce numéro
keys-next_question = passer à la question suivante
keys-scroll_page_ends = défiler d’une page ; aller au début ou à la fin
keys-try_again = réessayer d’enregistrer la fin de l’essai
keys-export = exporter les données de ce site vers une clé
keys-reports = rapports : cours, quiz, questions
keys-hub = fusionner les données d’autres sites depuis une clé
keys-export_names = mettre les noms dans le fichier, ou non
keys-export_all = toutes les données, ou seulement les nouvelles
keys-export_write = écrire l’export sur la clé choisie
keys-sync = envoyer les données au Learning Record Store de l’organisation
keys-sync_send = envoyer les données maintenant
keys-sync_stop = arrêter après le lot en cours (ce que le LRS a confirmé est conservé)
keys-back_up = retour
keys-report_open = ouvrir le cours ou le quiz choisi
keys-report_learners = chaque personne : cours terminés, meilleurs résultats, essais, attestations
keys-merge_one = fusionner l’export choisi
keys-merge_all = fusionner tous les exports trouvés
keys-pick_picture = choisir l’image qui porte ce numéro
keys-move_grid = se déplacer parmi les images
keys-take_picture = choisir l’image marquée ▶
keys-erase_picture = reprendre la dernière image choisie
keys-change_picture = choisir une autre image
keys-picture_colour = une autre couleur pour votre image
keys-picture_pin = un code PIN de trois images au lieu de chiffres
keys-back_digits = revenir à un code PIN en chiffres
keys-back_form = revenir au formulaire sans changer le code PIN

## error

error-empty_name = Un nom doit avoir au moins une lettre. Tapez-le, puis réessayez.
error-name_taken = Il existe déjà un profil « { $name } » sur cet ordinateur (peut-être archivé) ; des noms qui ne diffèrent que par les majuscules ou les accents comptent comme le même. Si c’est vous, choisissez-le dans la liste ; sinon, ajoutez un nom de famille ou une initiale.
error-same_name = Plusieurs profils s’appellent « { $name } ». Demandez à la personne qui anime la formation d’en renommer un.
error-no_learner = Ce profil n’est plus sur cet ordinateur. Revenez à « Qui apprend ? » et choisissez à nouveau votre nom.
error-attempt = Cet essai ne peut plus recevoir de réponses. Revenez au quiz et recommencez-le ; vos réponses précédentes sont conservées.
error-already_answered = Cette question a déjà reçu une réponse dans cet essai ; la première est conservée. Passez à la question suivante.
error-clock = L’horloge de l’ordinateur donne une heure que Hatua ne peut pas enregistrer. Faites régler la date et l’heure, puis réessayez.
error-disk_full = Le disque est plein : rien n’a été enregistré. Demandez à la personne qui anime la formation de libérer de la place, puis réessayez.
error-drive_full = La clé ou le disque est plein : { $path } n’a pas pu être écrit. Libérez de la place ou utilisez un autre support ; rien n’a été marqué comme exporté.
error-read_only = Les données de Hatua ne peuvent pas être écrites ici (disque ou dossier en lecture seule). Prévenez la personne qui anime la formation, puis réessayez.
error-cannot_write = Hatua ne peut pas écrire dans { $path }. Demandez à la personne qui anime la formation de vérifier le dossier, puis réessayez.
error-other = Un problème est survenu et rien n’a été changé : { $detail }. Réessayez ; si cela se reproduit, prévenez la personne qui anime la formation.

# Mode texte (hatua --plain) : chaque écran écrit une fois, ligne par ligne, pour les lecteurs d’écran.
plain-welcome = Hatua, mode texte. Tapez le numéro d’un choix et appuyez sur Enter. Enter seul pour continuer. Tapez ? pour l’aide.
plain-help = En mode texte, chaque réponse est une ligne terminée par Enter.
    Un numéro choisit dans une liste numérotée ; pour une question à plusieurs réponses, à remettre dans l’ordre ou à associer, tapez plusieurs numéros séparés par des espaces.
    Enter seul pour continuer : la suite d’une leçon, la question suivante.
    Une lettre seule est une touche que l’écran indique, comme q pour revenir ou r pour réessayer.
    Ctrl+X puis Enter cache tout d’un coup (sortie rapide). Ctrl+D ferme Hatua ; votre travail est conservé.
plain-languages = Langues : { $list }. Tapez-en une pour changer.
plain-name_prompt = Votre nom, ou un numéro :
plain-create = Nouveau profil « { $name } »
plain-pin_new = Code PIN, ou Enter pour aucun :
plain-pin_again = Le même code PIN à nouveau :
plain-pin_prompt = Code PIN, ou Enter seul pour revenir :
plain-course_done = { $percent } % fait
plain-unavailable = ne peut pas s’ouvrir pour l’instant
plain-course_prompt = Numéro d’un cours, ou q pour changer de profil :
plain-item_prompt = Numéro d’une leçon ou d’un quiz, ou q pour les cours :
plain-item_prompt_certificate = Numéro d’une leçon ou d’un quiz, c pour votre certificat, ou q pour les cours :
plain-lesson_more = Enter pour la suite, q pour le plan du cours :
plain-lesson_end = Fin de la leçon. Enter pour l’élément suivant, q pour le plan du cours :
plain-quiz_intro_prompt = Enter, une lettre, ou q pour le plan du cours :
plain-enter_or_letter = Enter, ou une lettre :
plain-enter = Appuyez sur Enter :
plain-next = Enter pour la question suivante :
plain-hint = Indice
plain-choose_one = Numéro de votre réponse :
plain-choose_many = Numéros de toutes les réponses choisies, séparés par des espaces :
plain-type_text = Votre réponse :
plain-type_number = Votre réponse, un nombre :
plain-order = Les numéros dans le bon ordre, du premier au dernier, séparés par des espaces :
plain-match_options = Correspondances :
plain-match = Pour A, B, etc., dans l’ordre, le numéro de sa correspondance, séparés par des espaces :
plain-you_answered = Votre réponse : { $answer }
plain-right_answer = La bonne réponse : { $answer }
plain-review_back = Enter pour la liste des tentatives :
plain-attempt_prompt = Numéro d’une tentative, ou Enter pour revenir :
plain-not_here = Cet écran n’existe que dans le lecteur plein écran. Appuyez sur Enter pour revenir.
plain-bad_number = Tapez un nombre de 1 à { $max }.
plain-each_once = Tapez chaque numéro de 1 à { $max } une fois, dans l’ordre choisi.
plain-one_each = Tapez { $count } numéros, un pour chacun de A, B, etc.
plain-picture_pin = Votre code PIN est fait de trois images : tapez leurs trois numéros, puis Enter. Les images : { $grid }.
plain-sun = soleil
plain-tree = arbre
plain-house = maison
plain-fish = poisson
plain-star = étoile
plain-cup = tasse
plain-key = clé
plain-bird = oiseau
plain-flower = fleur
