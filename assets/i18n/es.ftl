# Las frases del reproductor Hatua, en español (sintaxis Project Fluent).

## app

app-name = Hatua
app-too_small = Esta ventana mide { $width }×{ $height }. Hatua necesita al menos { $min_width }×{ $min_height }: agrándela o reduzca el tamaño de la letra. Ctrl-C para salir.

## picker

picker-title = ¿Quién está aprendiendo?
picker-prompt = Su nombre:
picker-empty = Todavía no hay ningún perfil. Escriba su nombre y pulse Enter para empezar.
picker-create = + Nuevo perfil «{ $name }» (pulse Enter)
picker-has_pin = (PIN)
picker-paused = (en pausa { $time })
picker-quit_question = ¿Cerrar Hatua? La próxima persona tendrá que abrirlo de nuevo. Pulse y para cerrar, n para quedarse.
picker-language_key = Tab: idioma
picker-plain_key = F3: modo texto, para lectores de pantalla
picker-profile_gone = Una persona facilitadora eliminó este perfil; sus datos ya no están en esta computadora. Elija su nombre de nuevo o cree un perfil nuevo.

## library

library-builtin = incluido
library-signed_by = firmado por { $name }
library-unknown_signer = firmado por una clave desconocida
library-unsigned = sin firma
library-title = Cursos
library-empty = No hay ningún curso disponible.
library-details = unos { $minutes } min · { $items } actividades
library-unavailable = no disponible
library-unavailable_hint = Pida una copia corregida a su formador o formadora; `hatua validate` muestra todos los problemas.
library-continue = Seguir donde lo dejó
library-continue_to = Seguir donde lo dejó: { $title }
library-refused = Este curso no se puede abrir: { $reason }

## signin

signin-pin_title = Hola de nuevo, { $name }
signin-pin_label = PIN:
signin-pin_again = Repita el PIN:
signin-pin_help = Escriba su PIN y pulse Enter. Esc vuelve a la lista de perfiles.
signin-wrong_pin = Ese PIN no es correcto. { $left ->
        [one] Un PIN incorrecto más y este perfil quedará en pausa.
       *[other] Quedan { $left } intentos antes de una pausa.
    }
signin-paused = Demasiados PIN incorrectos: este perfil está en pausa durante { $time }. La persona que facilita la formación puede restablecer el PIN.
signin-new_title = ¡Le damos la bienvenida, { $name }!
signin-new_pin_intro = Puede proteger su perfil con un PIN de 4 a 8 dígitos, para que nadie más pueda abrirlo. Déjelo vacío si no quiere PIN.
signin-new_help = Enter para seguir; sin PIN, Enter crea su perfil enseguida. Esc para volver.
signin-pin_format = Un PIN tiene de 4 a 8 dígitos.
signin-pin_mismatch = Los dos PIN no son iguales. Escriba el PIN otra vez.
signin-picture_label = Su imagen (← → para cambiarla, F4: color):
signin-picture_pin_offer = O pulse F3 para un PIN de tres imágenes.
signin-picture_pin_title = { $name }, elija sus tres imágenes
signin-picture_pin_label = Imágenes:
signin-picture_pin_help = Elija con 1–9, o con las flechas y Enter. Retroceso: deshacer.
signin-picture_pin_choose = Elija tres imágenes para su PIN, en orden.
signin-picture_pin_again = Elija otra vez las mismas tres imágenes.
signin-picture_pin_mismatch = Las imágenes no eran las mismas. Elija otra vez tres imágenes.

## profile

profile-title = Su perfil
profile-name = Nombre:
profile-language = Idioma:
profile-theme = Colores:
profile-theme_name = { $theme ->
    [high-contrast] alto contraste
    [monochrome] blanco y negro
   *[default] predeterminados
}
profile-pin_is_set = Su perfil tiene un PIN. Para cambiarlo, escriba uno nuevo dos veces.
profile-pin_not_set = Su perfil no tiene PIN. Para añadir uno, escríbalo dos veces (de 4 a 8 dígitos).
profile-new_pin = PIN nuevo:
profile-remove_pin = Quitar el PIN:
profile-yes = sí
profile-no = no
profile-name_empty = El nombre necesita al menos una letra.
profile-help = ↑ ↓ para pasar de un campo a otro, ← → o Espacio para cambiar una opción, Enter para guardar, Esc para cancelar. Su nombre puede ser un seudónimo: nada más la identifica.
profile-saved = ✓ Perfil guardado.
profile-picture = Imagen:
profile-colour = Color de la imagen:
profile-colour_name = { $colour ->
    [yellow] amarillo
    [green] verde
    [cyan] turquesa
    [blue] azul
    [magenta] rosa
   *[red] rojo
}
profile-picture_pin = PIN de imágenes:
profile-picture_pin_pick = elegir tres
profile-picture_pin_ready = elegido, Enter guarda
profile-picture_pin_is_set = Su perfil tiene un PIN de imágenes. Para cambiarlo, escriba un PIN nuevo o elija imágenes nuevas.

## facilitator

facilitator-paused = Demasiadas contraseñas incorrectas: la facilitación queda en pausa durante { $time }.
facilitator-title = Facilitación
facilitator-password = Contraseña:
facilitator-new_password = Contraseña nueva:
facilitator-again = Repita la contraseña:
facilitator-create_intro = Todavía no hay contraseña de facilitación en esta computadora. Elija una de al menos { $min } caracteres y no la comparta con las personas participantes.
facilitator-site_name = Nombre de este sitio:
facilitator-site_help = El nombre que las exportaciones, certificados e informes dan a este lugar, como «Centro de mujeres de Kisumu».
facilitator-login_help = Enter para seguir. Esc vuelve a la lista de perfiles.
facilitator-wrong_password = Esa contraseña no es correcta.
facilitator-too_short = Una contraseña de facilitación necesita al menos { $min } caracteres.
facilitator-merge_same = Elija otro perfil: un perfil no se puede fusionar consigo mismo.
facilitator-mismatch = Las dos contraseñas no son iguales. Escríbalas otra vez.
facilitator-board_title = Personas inscritas ({ $count })
facilitator-no_learners = Todavía no hay personas inscritas.
facilitator-no_courses = Todavía no ha empezado ningún curso.
facilitator-flag_pin = PIN
facilitator-flag_paused = en pausa { $time }
facilitator-flag_archived = archivado
facilitator-courses_of = Progreso de { $name }
facilitator-quizzes = cuestionarios aprobados: { $passed } de { $total }
facilitator-no_pin = Esta persona no tiene un PIN que restablecer.
facilitator-confirm_reset = ¿Quitar el PIN de { $name }, para que pueda entrar y elegir uno nuevo? Pulse y para confirmar, n para cancelar.
facilitator-confirm_delete = ¿Eliminar a { $name } y todos sus datos? No se puede deshacer; archivar conserva los datos. Pulse y para confirmar, n para cancelar.
facilitator-cancelled = No se ha cambiado nada.
facilitator-merge_none = No hay otro perfil con el que unir este.
facilitator-grant_none = Esta persona aún tiene intentos en cada cuestionario, o ya lo aprobó.
facilitator-merge_pick = ¿Fusionar a { $name } en qué perfil? Muévase hasta él con ↑ ↓ y pulse Enter; Esc cancela.
facilitator-confirm_merge = ¿Pasar todos los datos de { $from } a { $into } y eliminar el perfil { $from }? { $into } conserva su nombre y su PIN. Pulse y para confirmar, n para cancelar.
facilitator-confirm_grant = ¿Dar a { $name } un intento más en el cuestionario elegido arriba (↑ ↓)? Pulse Enter para confirmar, Esc para cancelar.

## preview

preview-reloaded = ↻ El curso cambió en el disco y se volvió a cargar.

## import

import-title = Importar desde una memoria
import-scanning = Buscando cursos en las memorias y discos…
import-no_drives = No se encontró ninguna memoria ni disco extraíble. Conecte uno y pulse r.
import-drive = Unidad { $path }
import-no_bundles = no hay cursos aquí ({ $extent })
import-installed_now = instalado aquí: { $version } · { $standing }
import-cannot = no se puede instalar: { $reason }
import-confirm_one = «{ $title }» no está firmado por un editor de confianza en esta computadora: alguien pudo modificarlo en el camino. ¿Instalarlo de todos modos?
import-confirm_many = { $count } de estos cursos no están firmados por un editor de confianza en esta computadora: alguien pudo modificarlos en el camino. ¿Instalarlos de todos modos?
import-replaces = reemplaza la copia instalada ({ $standing })
import-importing = Instalando… { $done } de { $total }
import-row_installed = instalado
import-row_updated = actualizado
import-row_skipped = omitido
import-row_refused = rechazado
import-done_help = El progreso se conserva actividad por actividad: una versión nueva de un curso conserva lo que hizo cada persona.
import-refuse_untrusted = este sitio solo instala cursos firmados por una editorial de confianza (install = "trusted" en la configuración), y este está { $standing ->
    [signed] firmado por { $signer }
    [unknown] firmado con una clave desconocida
   *[unsigned] sin firmar
}
import-refuse_unsigned = este sitio solo instala cursos firmados (install = "signed" en la configuración), y este no está firmado
import-refuse_other_publisher = la versión instalada está { $old_standing ->
    [signed] firmada por { $old_signer }
    [unknown] firmada con una clave desconocida
   *[unsigned] sin firmar
}, y esta está { $standing ->
    [signed] firmada por { $signer }
    [unknown] firmada con una clave desconocida
   *[unsigned] sin firmar
}; añada --force para reemplazarla de todos modos
import-skip_installed = la versión { $version } ya está instalada
import-refuse_newer = está instalada la versión { $installed }, que es más reciente; añada --force para volver a la { $version }
import-course_errors = el curso tiene errores ({ $first }); `hatua validate` en la copia de la persona formadora los muestra todos
import-tampered = { $change ->
    [missing] Falta el archivo `{ $file }` del paquete: se empaquetó pero no está
    [added] El archivo `{ $file }` se añadió al paquete después de empaquetarlo
   *[modified] El archivo `{ $file }` del paquete se modificó después de empaquetarlo
}. No es el paquete original, así que no se puede confiar en él; pida una copia nueva a la persona formadora.
import-bad_signature = La firma del paquete no coincide con su MANIFEST.toml: el paquete se modificó después de firmarlo, así que no se puede confiar en él. Pida una copia nueva a la persona formadora.
import-not_a_bundle = { $path } no es un paquete de curso: no tiene course.toml en su raíz. Elija la carpeta del curso, o el .zip que hizo `hatua pack`.
import-row_unsigned = sin firmar: nadie responde por esta copia; un sitio puede aceptar solo cursos firmados con install = "signed"
import-row_standing = { $standing ->
    [signed] firmado por { $signer }
    [unknown] firmado con una clave desconocida
   *[unsigned] sin firmar
}
import-row_replaces = { $standing ->
    [signed] firmado por { $signer }
    [unknown] firmado con una clave desconocida
   *[unsigned] sin firmar
}; reemplaza una copia { $old_standing ->
    [signed] firmada por { $old_signer }
    [unknown] firmada con una clave desconocida
   *[unsigned] sin firmar
}
import-gone = ya no está: ¿se quitó la memoria? Vuelva a ponerla y busque de nuevo (r).
import-unreadable = No se puede leer este paquete (detalle en inglés): { $detail }

## export

export-title = Exportar datos a una memoria
export-looking = Buscando memorias y contando lo nuevo…
export-no_drives = No se encontró ninguna memoria ni disco extraíble. Conecte uno y pulse r.
export-counts_new = Nuevo desde la última exportación de { $site }: { $learners ->
        [one] 1 persona
       *[other] { $learners } personas
    } con datos nuevos, { $attempts ->
        [one] 1 intento
       *[other] { $attempts } intentos
    }, { $answers ->
        [one] 1 respuesta
       *[other] { $answers } respuestas
    }. Pulse Enter para escribirlos en la memoria de arriba.
export-counts_all = Todos los datos de { $site }: { $learners ->
        [one] 1 persona
       *[other] { $learners } personas
    }, { $attempts ->
        [one] 1 intento
       *[other] { $attempts } intentos
    }, { $answers ->
        [one] 1 respuesta
       *[other] { $answers } respuestas
    }. Pulse Enter para escribirlos en la memoria de arriba.
export-nothing_new = No hay nada nuevo desde la última exportación. Pulse a para exportarlo todo de nuevo.
export-nothing_at_all = Todavía no hay datos que exportar.
export-names = Poner los nombres de las personas en el archivo (Espacio)
export-names_warning = Sin nombres, cada persona es un identificador y su sitio. Algunos cursos tratan la violencia por razón de género: envíe los nombres solo si el programa los necesita y la memoria se guarda en lugar seguro.
export-writing = Escribiendo… { $done } de { $total } declaraciones
export-written = ✓ Escrito en { $file }. Lleve la memoria a la persona formadora; la próxima exportación solo tendrá lo nuevo después de esta.

## reports

reports-title = Informes
reports-counting = Contando…
reports-courses_head = Curso · Iniciado · Terminado · Tasa · Mejor prom. · Certificados
reports-quizzes_head = Cuestionario · Intentos · Aprobados · Resultados 0–100 %
reports-questions_head = Pregunta · Respuestas · Correctas · Discriminación
reports-no_certificates = Todavía no hay certificado.
reports-certificates = Certificados: { $codes }
reports-last_seen = Visto por última vez: { $date }
reports-learner_quizzes_head = Cuestionario · Mejor · Intentos
reports-learner_courses_head = Curso · Elementos hechos · Terminado
reports-learners_head = Participante · Cursos hechos · Media máx. · Intentos · Visto el
reports-learners_title = Participantes
reports-most_wrong = Respuesta incorrecta más dada: { $answer } ({ $count })
reports-low_discrimination = Quienes salieron bien en el cuestionario no aciertan más esta pregunta: compruebe que es clara y que la respuesta correcta está bien marcada.

## hub

hub-title = Combinar datos de una memoria
hub-looking = Buscando exportaciones de datos en las memorias…
hub-none = No se encontró ninguna exportación de datos (*.hatua-records.zip). Conecte una memoria y pulse r.
hub-merging = Combinando…
hub-merged = { $site }: se añadieron { $learners ->
        [one] 1 persona
       *[other] { $learners } personas
    }, { $attempts ->
        [one] 1 intento
       *[other] { $attempts } intentos
    }, { $answers ->
        [one] 1 respuesta
       *[other] { $answers } respuestas
    }; { $skipped } registros ya estaban.
hub-trusted = Firmado con la clave de confianza «{ $name }».
hub-new_site = { $name } es nuevo aquí y su clave no está en la lista de confianza: a partir de ahora, solo se aceptarán de este sitio las exportaciones firmadas con esta clave.
hub-refused_other_key = { $path }: rechazado: dice venir del sitio { $site }, pero está firmado con otra clave que las exportaciones anteriores de ese sitio. Si se rehízo la carpeta de datos del sitio, compruébelo con la persona que lo facilita antes de fusionar
hub-refused_untrusted = { $path }: rechazado: el sitio { $site } firma con una clave en la que este centro no confía (ed25519:{ $key }). Si es un sitio del programa, confíe en él con `hatua trust add --name "{ $site }" site.key.pub` (el archivo junto a su site.key) y vuelva a fusionar
hub-refused_signature = { $path }: rechazado: la firma del sitio no coincide: la exportación se modificó después de escribirla
hub-refused_changed = { $path }: rechazado: { $file } se modificó después de escribir la exportación (su sha256 no es el del manifiesto)
hub-merge_failed = No se pudo fusionar este archivo (detalle en inglés): { $detail }

## sync

sync-title = Enviar los datos al LRS
sync-intro = El LRS (Learning Record Store) de la organización guarda los datos de todos los sitios. Solo se envía lo que aún no ha confirmado, y un envío interrumpido continúa la próxima vez.
sync-address = Dirección
sync-user = Usuario
sync-password = Contraseña
sync-names = Poner los nombres de las personas en las declaraciones (Espacio)
sync-names_warning = Sin nombres, cada persona es un identificador y su sitio. Envíe los nombres solo si el programa los necesita.
sync-never = Todavía no se ha enviado nada a un LRS desde esta computadora.
sync-last_done = Último envío, { $when }, a { $lrs }: { $sent } enviadas, { $there } ya estaban, { $rejected } rechazadas.
sync-last_cut = El último envío, { $when }, a { $lrs }, se detuvo antes del final: { $sent } enviadas, { $there } ya estaban. El próximo envía el resto.
sync-fill_in = Indique la dirección del LRS y el usuario con el que conectarse.
sync-sending = Enviando… { $done } de { $total } declaraciones
sync-stopping = Deteniendo después de este lote… { $done } de { $total } declaraciones
sync-done = ✓ Terminado: { $sent } enviadas, { $there } ya estaban, { $rejected } rechazadas.
sync-nothing = { $earlier ->
        [0] Todavía no hay datos que enviar; la dirección y la conexión funcionan.
        [one] Nada nuevo que enviar: el LRS ya tiene la declaración.
       *[other] Nada nuevo que enviar: el LRS ya tiene las { $earlier } declaraciones.
    }
sync-stopped = Detenido. Lo que el LRS confirmó se conserva; el próximo envío manda el resto.
sync-bad_url = «{ $url }» no es la dirección de un LRS: se parece a https://lrs.example.org/xAPI.
sync-login = El LRS en { $url } rechazó el inicio de sesión de «{ $user }». Revise el usuario y la contraseña (la clave y el secreto del LRS) y vuelva a enviar.
sync-wrong_url = No hay un LRS en { $url } (respondió HTTP { $status }). Revise la dirección: es el punto de acceso xAPI del LRS, que suele terminar en /xAPI.
sync-server = El LRS en { $url } tuvo un problema propio (HTTP { $status }): { $reason }. Vuelva a intentarlo más tarde; no se pierde nada.
sync-unreachable = No se puede conectar con el LRS en { $url }: { $reason }. Revise la dirección y la red y vuelva a enviar; no se pierde nada.
sync-rejected_one = Rechazada: { $what }. El LRS respondió: { $reason }. Se volverá a intentar en el próximo envío.

## certificate

certificate-title = Certificado de finalización
certificate-certifies = Se certifica que
certificate-completed = ha terminado el curso
certificate-details = versión { $version }, el { $date }, con un resultado del { $score } %, en { $site }.
certificate-publisher = Curso publicado por { $publisher }.
certificate-code = Código de verificación: { $code }
certificate-check = En la computadora que lo emitió: hatua certificate verify { $code }. En cualquier otro lugar, la declaración firmada de abajo (o su código QR) se comprueba sin conexión: hatua certificate verify con la declaración o este archivo.
certificate-signed = Declaración firmada
certificate-builtin = Hatua (un curso incluido)
certificate-unknown_signer = un editor cuya clave este sitio no conoce
certificate-unsigned = nadie (un curso sin firmar)

## review

review-title = Intentos anteriores: { $quiz }
review-none = Aún no hay intentos terminados.
review-attempt = Intento { $n } · { $date } · { $percent } % · { $verdict }
review-yours_marked = Su respuesta ({ $mark }):
review-right = Respuesta correcta:
review-unanswered = (sin respuesta)

## outline

outline-completed = ✓ Curso terminado. Pulse c para su certificado.
outline-progress = Hecho: { $finished } de { $required } lecciones y cuestionarios necesarios para terminar.
outline-not_complete = El curso aún no está terminado: el índice muestra lo que falta.
outline-certificate_written = ✓ Certificado guardado en { $folder } · código { $code }
outline-best = mejor { $percent } %
outline-lesson = lección
outline-quiz = cuestionario
outline-language_name = { $code ->
    [en] inglés
    [fr] francés
    [es] español
    [pt] portugués
    [ar] árabe
    [sw] suajili
   *[other] { $code }
}
outline-other_language = Este curso no tiene versión en { $wanted }: se muestra en { $shown }.

## status

status-not_started = sin empezar
status-in_progress = en curso
status-done = terminada
status-passed = aprobado
status-failed = todavía no aprobado
status-updated = actualizada desde su lectura

## lesson

lesson-position = { $first }–{ $last } de { $total } ({ $percent } %)
lesson-read = ✓ leído
lesson-other_language = Aún no está traducido al { $wanted }: se muestra en { $shown }.
lesson-speech_missing = Para leer en voz alta hace falta el programa espeak-ng, que no está instalado en esta computadora. La persona que coordina el sitio puede instalarlo (en Debian o Ubuntu: sudo apt install espeak-ng).
lesson-speaking = Leyendo en voz alta. Pulse otra vez la misma tecla para pararla.
lesson-speech_stopped = Se paró la lectura en voz alta.

## quiz

quiz-intro_review = v: ver los intentos anteriores.
quiz-type_first = Escriba una respuesta antes de pulsar Enter.
quiz-type_number = Escriba un número (como 1979 o 0,5) antes de pulsar Enter.
quiz-match_all = Elija una pareja para cada elemento (← → o un número) antes de pulsar Enter.
quiz-type_a_number = Escriba un número y luego pulse Enter.
quiz-type_answer = Escriba su respuesta y luego pulse Enter. No importan las mayúsculas ni las tildes.
quiz-arrange = Ordene los elementos: Espacio toma o suelta el elemento; ↑ ↓ lo mueven. Luego Enter.
quiz-pair = Para cada elemento elija su pareja: ← → o su número. Luego Enter.
quiz-hints_left = { $count ->
        [one] h abre una pista (queda { $count }).
       *[other] h abre una pista (quedan { $count }).
    }
quiz-hints_left_typing = { $count ->
        [one] F3 abre una pista (queda { $count }).
       *[other] F3 abre una pista (quedan { $count }).
    }
quiz-hint = Pista { $n }: { $text }
quiz-your_answer = Su respuesta:
quiz-right_order = El orden correcto:
quiz-accepted = Respuestas correctas: { $answers }
quiz-accepted_as = Aceptada como: { $answer }
quiz-loading = Cargando…
quiz-intro_questions = Preguntas: { $count }
quiz-intro_pass_mark = Nota para aprobar: { $mark } %
quiz-intro_attempts = Intentos usados: { $used } de { $max }
quiz-intro_attempts_unlimited = Intentos usados: { $used } (sin límite)
quiz-intro_best = Su mejor resultado hasta ahora: { $percent } %
quiz-intro_start = Pulse Enter para empezar.
quiz-intro_continue = Tiene un intento sin terminar (respuestas: { $answered } de { $total }). Pulse Enter para continuarlo.
quiz-no_attempts_left = Ha usado todos los intentos de este cuestionario.
quiz-progress = Pregunta { $n } de { $total }
quiz-choose_one = Elija una respuesta: ↑ ↓ o su número, y luego Enter.
quiz-choose_several = Elija todas las respuestas correctas: Espacio marca o desmarca, y luego Enter.
quiz-pick_first = Elija al menos una respuesta con Espacio (o su número) antes de pulsar Enter.
quiz-true = Verdadero
quiz-false = Falso
quiz-right_answer = ← respuesta correcta
quiz-not_right = ← su respuesta
quiz-mark_right = correcta
quiz-mark_partly = en parte
quiz-mark_wrong = incorrecta
quiz-correct = ✓ Correcto.
quiz-incorrect = ✗ No es correcto.
quiz-partly = ◐ Correcto en parte: { $score } de { $max ->
        [one] { $max } punto.
       *[other] { $max } puntos.
    }
quiz-explanation = ¿Por qué?
quiz-saved = ✓ Respuesta guardada. Pulse Enter para seguir.
quiz-more_below = ↓ sigue más abajo
quiz-finish_retry = El final de su intento todavía no se ha guardado. Pulse Enter para volver a intentarlo.
quiz-save_retry = Su respuesta no se guardó, así que aún puede cambiarla. Pulse Enter para intentarlo de nuevo.
quiz-finishing = Calculando su resultado…
quiz-score = Resultado: { $score } de { $max ->
        [one] { $max } punto
       *[other] { $max } puntos
    } ({ $percent } %)
quiz-passed = ✓ Aprobado (se necesitaba un { $mark } %)
quiz-failed = ✗ Todavía no aprobado (se necesita un { $mark } %)
quiz-results_retry = Pulse r para volver a intentarlo, v para revisar, Enter para la actividad siguiente, q para el índice del curso.
quiz-results_retry_left = Pulse r para volver a intentarlo (intentos restantes: { $left }), v para revisar, Enter para la actividad siguiente, q para el índice del curso.
quiz-results_no_retry = No quedan intentos. Pulse v para revisar, Enter para la actividad siguiente, q para el índice del curso.

## backup

backup-no_room = No se pudo hacer una copia de seguridad de los datos: el disco está lleno. Todo lo demás continúa; avise a la persona que facilita.
backup-folder = No se pudo hacer una copia de seguridad de los datos: no se puede escribir en la carpeta { $path }. Todo lo demás continúa; avise a la persona que facilita.
backup-bad_copy = Una copia de seguridad de los datos no superó su verificación y se eliminó: el archivo de datos puede estar dañado. Todo lo demás continúa; pida a la persona que facilita que ejecute hatua doctor.
backup-failed = No se pudo hacer una copia de seguridad de los datos ({ $detail }). Todo lo demás continúa; avise a la persona que facilita.

## damaged

damaged-title = No se pudieron abrir los datos
damaged-found = El archivo de datos de Hatua está dañado ({ $reason }). Se apartó sin cambios, con el nombre { $file } en la carpeta de datos, para que un especialista lo recupere.
damaged-found_earlier = El archivo de datos de Hatua se apartó por estar dañado ({ $file } en la carpeta de datos), y todavía nada lo ha reemplazado.
damaged-backup = La copia de seguridad válida más reciente es del { $time }. Lo registrado después no está en ella.
damaged-no_backup = No hay ninguna copia de seguridad de los datos para restaurar.
damaged-restore = Restaurar esa copia y continuar
damaged-empty = Empezar con datos vacíos
damaged-close = Cerrar Hatua (esta pantalla volverá en el próximo inicio)
damaged-ask = Participantes: consulten antes a la persona que facilita.
damaged-failed = No se pudieron colocar los datos: { $detail }. No se cambió nada más; vuelva a intentarlo o consulte a la persona que facilita.
damaged-restored = La copia de seguridad del { $time } está de nuevo en su lugar. Lo registrado después no está en ella.
damaged-started_empty = Se empezó con datos vacíos. El archivo dañado sigue en la carpeta de datos.
damaged-foreign_wal = Un archivo de cambios recientes junto a los datos pertenecía a otra base de datos (¿copiada de otro ordenador?), así que no se aplicó. Se conserva con el nombre { $file }; los datos están como se escribieron por última vez.

## footer

footer-hide = ocultar
footer-help = ayuda
footer-choose = elegir
footer-open = abrir
footer-learners = participantes
footer-quit = salir
footer-quit_yes = salir
footer-stay = quedarse
footer-facilitator = facilitación
footer-continue = seguir
footer-back = volver
footer-cancel = cancelar
footer-save = guardar
footer-field = campo
footer-change = cambiar
footer-profile = perfil
footer-switch = otro perfil
footer-courses = cursos
footer-certificate = certificado
footer-scroll = desplazar
footer-page = página
footer-next = siguiente
footer-prev = anterior
footer-start = empezar
footer-submit = enviar
footer-hint = pista
footer-pick = marcar
footer-move = mover
footer-take = tomar o soltar
footer-review = revisar
footer-retry = reintentar
footer-try_again = reintentar
footer-yes = sí
footer-no = no
footer-choose_this = elegir
footer-reset_pin = quitar PIN
footer-archive = archivar
footer-delete = eliminar
footer-merge = fusionar
footer-grant = intento
footer-import = importar
footer-sign_out = salir
footer-install = instalar
footer-install_all = instalar todo
footer-rescan = buscar de nuevo
footer-export = exportar
footer-reports = informes
footer-hub = combinar memoria
footer-names = nombres
footer-all_new = todo o nuevo
footer-write = escribir
footer-sync = enviar al LRS
footer-send = enviar
footer-stop = detener
footer-merge_one = combinar
footer-merge_all = combinar todo
footer-pick_picture = tomar
footer-erase = deshacer
footer-picture = imagen
footer-picture_pin = PIN de imágenes

## help

help-title = Teclas
help-close = Pulse cualquier tecla para cerrar.
help-more = … y { $count } más, que una ventana más alta muestra.

## keys

keys-certificate = escribir su certificado (curso terminado)
keys-type_answer = escriba su respuesta
keys-hint = abrir una pista
keys-match_choice = cambiar la pareja del elemento
keys-review = ver los intentos anteriores
keys-import = importar cursos desde una memoria USB
keys-type_name = escriba su nombre para abrir o crear su perfil
keys-move = mover la selección
keys-choose_learner = abrir el perfil elegido
keys-erase = borrar una letra
keys-clear_or_quit = borrar el nombre; salir si está vacío
keys-help = mostrar estas teclas
keys-quit = salir de Hatua desde cualquier pantalla
keys-hide = ocultar la pantalla enseguida (salida rápida)
keys-facilitator = la pantalla de facilitación (contraseña)
keys-plain_mode = seguir en modo texto, línea a línea, para un lector de pantalla
keys-language = cambiar de idioma: English, Français, Español
keys-profile = su perfil: nombre, PIN, idioma, colores
keys-field = pasar de un campo a otro
keys-choose_option = cambiar una opción
keys-type_field = escribir en un campo de texto
keys-save = guardar
keys-cancel = cancelar
keys-reset_pin = quitar el PIN de la persona elegida
keys-archive = archivar o recuperar a la persona elegida
keys-delete = eliminar a la persona elegida y sus datos
keys-merge = unir a la persona elegida con otro de sus perfiles
keys-grant = dar un intento más en un cuestionario sin intentos restantes
keys-sign_out = salir de la pantalla de facilitación
keys-open_course = abrir el curso
keys-switch_learner = volver a «¿Quién está aprendiendo?»
keys-open_item = abrir la lección o el cuestionario
keys-back_library = volver a los cursos
keys-scroll_line = desplazar una línea
keys-scroll_page = desplazar una página
keys-scroll_ends = ir al principio o al final
keys-back_outline = volver al índice del curso
keys-pick_number = elegir una respuesta por su número
keys-toggle = marcar o desmarcar una respuesta
keys-submit = enviar la respuesta y seguir
keys-retry = volver a hacer el cuestionario
keys-space = Espacio
keys-letters = letras
keys-ends = ir al primero o al último
keys-quit_yes = cerrar Hatua
keys-quit_no = quedarse
keys-damaged_choose = hacer lo que dice la línea elegida
keys-damaged_close = cerrar Hatua; no cambia nada, y esta pantalla volverá en el próximo inicio
keys-type_pin = escribir el PIN (dígitos)
keys-type_password = escribir la contraseña
keys-new_learner_enter = seguir; sin PIN, crear el perfil
keys-back_picker = volver a «¿Quién está aprendiendo?»
keys-open_profile = abrir el perfil
keys-sign_in = abrir la pantalla de facilitación
keys-set_password = seguir; la segunda vez, guardar la contraseña
keys-confirm_yes = sí, hacerlo
keys-confirm_no = no, no cambiar nada
keys-choose_this = elegir la fila seleccionada
keys-back_board = volver a la pantalla de facilitación
keys-rescan = buscar de nuevo en las memorias
keys-install_one = instalar el curso elegido
keys-install_all = instalar todos los cursos encontrados
keys-install_yes = sí, instalar
keys-install_no = no, no instalar nada
keys-next_item = actividad siguiente
keys-read_aloud = leer la página en voz alta (espeak-ng)
keys-read_question_aloud = leer la pregunta en voz alta (espeak-ng)
keys-prev_item = actividad anterior
keys-open_attempt = abrir el intento elegido
keys-back_quiz = volver al cuestionario
keys-back_attempts = volver a la lista de intentos
keys-start_quiz = empezar un intento
keys-continue_attempt = seguir con el intento sin terminar
keys-move_answer = pasar de una respuesta a otra
keys-pick_one = elegir la respuesta bajo el cursor
keys-toggle_number = marcar o desmarcar la respuesta con ese número
keys-move_item = mover el cursor, o el elemento tomado con él
keys-take_item = tomar el elemento bajo el cursor, o soltarlo
keys-move_row = pasar de un elemento por emparejar a otro
keys-match_number = emparejar el elemento con la opción de ese número
keys-next_question = pasar a la pregunta siguiente
keys-scroll_page_ends = desplazar una página; ir al principio o al final
keys-try_again = volver a intentar guardar el final del intento
keys-export = exportar los datos de este sitio a una memoria
keys-reports = informes: cursos, cuestionarios, preguntas
keys-hub = combinar datos de otros sitios desde una memoria
keys-export_names = poner los nombres en el archivo, o no
keys-export_all = todos los datos, o solo los nuevos
keys-export_write = escribir la exportación en la memoria elegida
keys-sync = enviar los datos al Learning Record Store de la organización
keys-sync_send = enviar los datos ahora
keys-sync_stop = detener después del lote en curso (lo que el LRS confirmó se conserva)
keys-back_up = volver
keys-report_open = abrir el curso o cuestionario elegido
keys-report_learners = cada participante: cursos terminados, mejores resultados, intentos, certificados
keys-merge_one = combinar la exportación elegida
keys-merge_all = combinar todas las exportaciones encontradas
keys-pick_picture = elegir la imagen con ese número
keys-move_grid = moverse entre las imágenes
keys-take_picture = elegir la imagen marcada con ▶
keys-erase_picture = quitar la última imagen elegida
keys-change_picture = elegir otra imagen
keys-picture_colour = otro color para su imagen
keys-picture_pin = un PIN de tres imágenes en lugar de dígitos
keys-back_digits = volver a un PIN de dígitos
keys-back_form = volver al formulario sin cambiar el PIN

## error

error-empty_name = Un nombre necesita al menos una letra. Escríbalo y vuelva a intentarlo.
error-name_taken = Ya hay un perfil llamado «{ $name }» en esta computadora (quizá archivado); los nombres que solo difieren en mayúsculas o tildes cuentan como el mismo. Si es usted, elíjalo de la lista; si no, añada un apellido o una inicial.
error-same_name = Varios perfiles se llaman «{ $name }». Pida a la persona que facilita que cambie el nombre de uno.
error-no_learner = Este perfil ya no está en esta computadora. Vuelva a «¿Quién está aprendiendo?» y elija su nombre de nuevo.
error-attempt = Este intento ya no admite respuestas. Vuelva al cuestionario y empiécelo de nuevo; sus respuestas anteriores se conservan.
error-already_answered = Esta pregunta ya tenía respuesta en este intento; se conserva la primera. Pase a la pregunta siguiente.
error-clock = El reloj de la computadora da una hora que Hatua no puede guardar. Pida que ajusten la fecha y la hora y vuelva a intentarlo.
error-disk_full = El disco está lleno: no se guardó nada. Pida a la persona que facilita que libere espacio y vuelva a intentarlo.
error-drive_full = La unidad está llena: no se pudo escribir { $path }. Libere espacio o use otra unidad; no se marcó nada como exportado.
error-read_only = Los datos de Hatua no se pueden escribir aquí (disco o carpeta de solo lectura). Avise a la persona que facilita y vuelva a intentarlo.
error-cannot_write = Hatua no puede escribir en { $path }. Pida a la persona que facilita que revise la carpeta y vuelva a intentarlo.
error-other = Algo salió mal y no se cambió nada: { $detail }. Vuelva a intentarlo; si sigue pasando, avise a la persona que facilita.

# Modo texto (hatua --plain): cada pantalla escrita una vez, línea a línea, para lectores de pantalla.
plain-welcome = Hatua, modo texto. Escriba el número de una opción y pulse Enter. Enter solo para seguir. Escriba ? para la ayuda.
plain-help = En modo texto, cada respuesta es una línea que termina con Enter.
    Un número elige de una lista numerada; en una pregunta de varias respuestas, de ordenar o de relacionar, escriba varios números separados por espacios.
    Enter solo para seguir: la parte siguiente de una lección, la pregunta siguiente.
    Una letra sola es una tecla que la pantalla indica, como q para volver o r para intentarlo de nuevo.
    Ctrl+X y luego Enter lo oculta todo de una vez (salida rápida). Ctrl+D cierra Hatua; su trabajo se conserva.
plain-languages = Idiomas: { $list }. Escriba uno para cambiar.
plain-name_prompt = Su nombre, o un número:
plain-create = Nuevo perfil «{ $name }»
plain-pin_new = PIN, o Enter para ninguno:
plain-pin_again = El mismo PIN otra vez:
plain-pin_prompt = PIN, o Enter solo para volver:
plain-course_done = { $percent } % hecho
plain-unavailable = no se puede abrir ahora
plain-course_prompt = Número de un curso, o q para cambiar de perfil:
plain-item_prompt = Número de una lección o prueba, o q para los cursos:
plain-item_prompt_certificate = Número de una lección o prueba, c para su certificado, o q para los cursos:
plain-lesson_more = Enter para seguir, q para el índice del curso:
plain-lesson_end = Fin de la lección. Enter para el elemento siguiente, q para el índice del curso:
plain-quiz_intro_prompt = Enter, una letra, o q para el índice del curso:
plain-enter_or_letter = Enter, o una letra:
plain-enter = Pulse Enter:
plain-next = Enter para la pregunta siguiente:
plain-hint = Pista
plain-choose_one = Número de su respuesta:
plain-choose_many = Números de todas las respuestas que elige, separados por espacios:
plain-type_text = Su respuesta:
plain-type_number = Su respuesta, un número:
plain-order = Los números en el orden correcto, del primero al último, separados por espacios:
plain-match_options = Correspondencias:
plain-match = Para A, B, etc., por orden, el número de su correspondencia, separados por espacios:
plain-you_answered = Su respuesta: { $answer }
plain-right_answer = La respuesta correcta: { $answer }
plain-review_back = Enter para la lista de intentos:
plain-attempt_prompt = Número de un intento, o Enter para volver:
plain-not_here = Esta pantalla solo existe en el reproductor a pantalla completa. Pulse Enter para volver.
plain-bad_number = Escriba un número del 1 al { $max }.
plain-each_once = Escriba cada número del 1 al { $max } una vez, en el orden que elija.
plain-one_each = Escriba { $count } números, uno para cada una de A, B, etc.
plain-picture_pin = Su PIN son tres imágenes: escriba sus tres números y luego Enter. Las imágenes: { $grid }.
plain-sun = sol
plain-tree = árbol
plain-house = casa
plain-fish = pez
plain-star = estrella
plain-cup = taza
plain-key = llave
plain-bird = pájaro
plain-flower = flor
