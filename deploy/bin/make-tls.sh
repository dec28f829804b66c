#!/bin/sh
# The TLS files of deploy/scale (deploy/README.md, "TLS certificates"): a private CA, made once,
# and a certificate per host signed by it.
#   deploy/bin/make-tls.sh DIR NAME SAN...
#   e.g. deploy/bin/make-tls.sh secrets/tls nats-1 DNS:nats-1.internal IP:10.0.0.11
# Writes DIR/ca.key and DIR/ca.crt unless they exist (the CA, 10 years), then DIR/NAME.key and
# DIR/NAME.crt (about 2 years) for the SANs given plus DNS:localhost and IP:127.0.0.1 (the health
# checks inside the container), usable as server and as client certificate (NATS routes check both
# ends). Keys are mode 0600; ca.key never leaves this machine.
set -eu
if [ $# -lt 3 ]; then
  echo "usage: $0 DIR NAME SAN... (SAN: DNS:host or IP:address)" >&2
  exit 64
fi
dir=$1
name=$2
shift 2
umask 077
mkdir -p "$dir"

if [ ! -f "$dir/ca.key" ]; then
  openssl req -x509 -new -nodes -newkey rsa:3072 -sha256 -days 3650 -subj "/CN=mirrorbook CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  chmod 0644 "$dir/ca.crt"
  echo "make-tls: wrote $dir/ca.key and $dir/ca.crt"
fi

san=""
for entry in "$@" DNS:localhost IP:127.0.0.1; do san="${san:+$san,}$entry"; done
openssl req -new -nodes -newkey rsa:3072 -sha256 -subj "/CN=$name" -keyout "$dir/$name.key" -out "$dir/$name.csr" 2>/dev/null
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n' "$san" > "$dir/$name.ext"
openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 825 -sha256 \
  -extfile "$dir/$name.ext" -out "$dir/$name.crt" 2>/dev/null
rm -f "$dir/$name.csr" "$dir/$name.ext"
chmod 0644 "$dir/$name.crt"
echo "make-tls: wrote $dir/$name.key and $dir/$name.crt ($san)"
