#!/bin/sh
# The azd preprovision hook (azure.yaml): stops `azd provision` / `azd up` before anything is deployed when SECRETS_KEK
# holds a key the app would refuse to seal with. SECRETS_KEK must be empty (the Key Vault secret is left as it is) or
# what `openssl rand -base64 32` prints: the app's rule (KeyEncryptionKey.SealingRefusal, docs/security.md), Base64 of
# exactly 32 bytes that are not a constant or a repeated pattern (at least 16 distinct byte values), with no whitespace
# around it since Bicep stores the value as given. The value is never printed.
# Without azd: SECRETS_KEK=... sh scripts/check-secrets-kek.sh
set -eu
export LC_ALL=C

refuse() {
  echo "SECRETS_KEK cannot seal: $1. Set it to a new key (azd env set SECRETS_KEK \"\$(openssl rand -base64 32)\"), or to empty (azd env set SECRETS_KEK \"\") to leave the Key Vault secret as it is." >&2
  exit 1
}

value=${SECRETS_KEK:-}
if [ -z "$value" ]; then
  exit 0
fi

# 32 bytes are 43 Base64 characters and one '=' of padding.
case $value in
  *[!A-Za-z0-9+/=]*) refuse "it is not Base64 of exactly 32 bytes" ;;
esac
body=${value%=}
if [ ${#value} -ne 44 ] || [ "$body" = "$value" ]; then
  refuse "it is not Base64 of exactly 32 bytes"
fi
case $body in
  *=*) refuse "it is not Base64 of exactly 32 bytes" ;;
esac

# Decode the 43 characters (258 bits: 32 bytes and 2 padding bits) and count the distinct byte values.
distinct=$(printf '%s\n' "$body" | awk '
  BEGIN { alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/" }
  {
    bits = 0; pending = 0
    for (i = 1; i <= length($0); i++) {
      bits = bits * 64 + index(alphabet, substr($0, i, 1)) - 1
      pending += 6
      if (pending >= 8) {
        pending -= 8
        byte = int(bits / 2 ^ pending)
        bits -= byte * 2 ^ pending
        seen[byte] = 1
      }
    }
    count = 0
    for (b in seen) count++
    print count
  }')
if [ "$distinct" -lt 16 ]; then
  refuse "its bytes are not random (a constant or a repeated pattern)"
fi
