"""The words about people: the roster's refusals, separation of duties, SSH keys.

Entries of the one catalogue (golive.data.texts): key -> language -> template."""

ROSTER: dict[str, dict[str, str]] = {
    "roster.not_signoff": {"de": "{name} darf die Freigabe {role} nicht geben; laut Plan: {people}",
                           "en": "{name} may not give the {role} sign-off; the plan names {people}"},
    "roster.not_decision": {"de": "{name} darf nicht über GO/NO-GO entscheiden; laut Plan: {people}",
                            "en": "{name} may not decide GO/NO-GO; the plan names {people}"},
    "roster.not_rollback": {"de": "{name} darf nicht über einen Rollback entscheiden; laut Plan: {people}",
                            "en": "{name} may not decide a rollback; the plan names {people}"},
    "duty.one_signoff": {"de": "{name} hat schon die Freigabe {other} gegeben (Ereignis {seq}); eine Person gibt eine Freigabe (mehr erlaubt nur der Plan: [roster] separation_of_duties = false)",
                         "en": "{name} already gave the {other} sign-off (event {seq}); one person gives one sign-off (only the plan can allow more: [roster] separation_of_duties = false)"},
    "duty.decider_alone": {"de": "GO abgelehnt: {name} steht allein hinter allen Freigaben; wer entscheidet, braucht jemand anderen hinter den Freigaben",
                           "en": "GO refused: {name} alone is behind every sign-off; the decider needs someone else behind the sign-offs"},
    "duty.relaxed": {"de": "Funktionstrennung vom Plan aufgehoben: eine Person darf mehrere Freigaben geben",
                     "en": "Separation of duties relaxed by the plan: one person may give several sign-offs"},
    # keys and signatures
    "sig.key_line": {"de": "kein öffentlicher SSH-Schlüssel (erwartet: TYP BASE64 [Kommentar], TYP etwa {types})",
                     "en": "not an SSH public key (expected: TYPE BASE64 [comment], TYPE such as {types})"},
    "sig.key_base64": {"de": "der Schlüssel ist kein gültiges Base64 eines SSH-Schlüssels", "en": "the key is not valid base64 of an SSH key"},
    "sig.key_type": {"de": "der Schlüssel ist nicht vom Typ {type}", "en": "the key inside is not of type {type}"},
    "sig.not_signature": {"de": "keine SSH-Signatur (-----BEGIN SSH SIGNATURE----- … fehlt oder ist beschädigt)",
                          "en": "not an SSH signature (-----BEGIN SSH SIGNATURE----- … missing or damaged)"},
    "sig.no_ssh_keygen": {"de": "ssh-keygen nicht gefunden: Unterschriften lassen sich nicht prüfen (Paket openssh-client installieren)",
                          "en": "ssh-keygen not found: signatures cannot be checked (install the openssh-client package)"},
    "sig.no_key_file": {"de": "{path}: keine Schlüsseldatei", "en": "{path}: no such key file"},
    "sig.sign_failed": {"de": "ssh-keygen konnte mit {path} nicht unterschreiben: {why}",
                        "en": "ssh-keygen could not sign with {path}: {why}"},
}
