# SCEP lab helpers (sourced by the scep-* scenarios): micromdm's SCEP server and
# client from Debian 12's package `scep` (2.1.0, /usr/bin/scepserver, /usr/bin/scepclient).
# The CA is throwaway (made in the run directory, deleted afterwards); the
# challenge password is a lab word and travels only inside the encrypted envelope.
SCEP_PORT=8080
SCEP_CHALLENGE=lab-challenge
CAPFILTER="tcp port $SCEP_PORT"
DAEMONS=""   # no charon: the SCEP server and client are the programs here

# scep_ca: a CA in $RUN/scep/depot ("C=XX, O=ikediag lab, OU=SCEP CA", RSA 2048, 1 year)
scep_ca() {
	mkdir -p "$RUN/scep"
	scepserver ca -init -depot "$RUN/scep/depot" -organization "ikediag lab" -country XX \
		-keySize 2048 -years 1 >"$RUN/scep/ca.out" 2>&1 || die "scepserver ca -init: $(cat "$RUN/scep/ca.out")"
	act "resp: scepserver ca -init: CA 'C=XX, O=ikediag lab, OU=SCEP CA' (RSA 2048, throwaway)"
}

# scep_server HOST: the SCEP server on HOST:$SCEP_PORT, auto-granting requests
# that carry $SCEP_CHALLENGE; each line it logs becomes an [ACT] line.
scep_server() {
	local h=$1 i
	command -v scepserver >/dev/null && command -v scepclient >/dev/null ||
		die "missing scepserver/scepclient (apt-get install scep)"
	scep_ca
	# ip netns exec directly (not the nsx function): $! is then the server itself
	ip netns exec "$(ns "$h")" scepserver -depot "$RUN/scep/depot" -port "$SCEP_PORT" -challenge "$SCEP_CHALLENGE" -debug \
		> >(while IFS= read -r l; do act "$h: scepserver: $l"; done) 2>&1 &
	SCEP_SERVER_PID=$!
	PIDS+=("$SCEP_SERVER_PID"); echo "$SCEP_SERVER_PID" >"$RUN/scepserver.pid"
	for i in $(seq 50); do
		nsx "$h" ss -ltn "sport = :$SCEP_PORT" | grep -q LISTEN && break
		kill -0 "$SCEP_SERVER_PID" 2>/dev/null || die "scepserver on $h died"
		sleep 0.1
	done
	act "$h: scepserver listening on ${HOSTADDR[$h]}:$SCEP_PORT (challenge required)"
}

# scep_client HOST SERVER CN right|wrong [TIMEOUT]: one enrollment with scepclient
# (new RSA 2048 key; GetCACert, GetCACaps, PKIOperation by POST)
scep_client() {
	local h=$1 srv=$2 cn=$3 which=$4 to=${5:-30} ch=$SCEP_CHALLENGE rc
	[ "$which" = wrong ] && ch=not-the-challenge
	mkdir -p "$RUN/scep/$h-$cn"
	act "$h: scepclient -server-url http://${HOSTADDR[$srv]}:$SCEP_PORT/scep -cn $cn ($which challenge)"
	timeout "$to" ip netns exec "$(ns "$h")" scepclient -server-url "http://${HOSTADDR[$srv]}:$SCEP_PORT/scep" \
		-challenge "$ch" -private-key "$RUN/scep/$h-$cn/key.pem" -certificate "$RUN/scep/$h-$cn/cert.pem" \
		-cn "$cn" -organization "ikediag lab" -country XX -keySize 2048 -debug \
		> >(while IFS= read -r l; do act "$h: scepclient: $l"; done) 2>&1 &
	local p=$!
	PIDS+=("$p")
	wait "$p"
	rc=$?
	if [ -s "$RUN/scep/$h-$cn/cert.pem" ]; then
		act "$h: scepclient -> exit $rc, certificate: $(openssl x509 -in "$RUN/scep/$h-$cn/cert.pem" -noout -subject -issuer -serial -enddate | tr '\n' ' ')"
	else
		act "$h: scepclient -> exit $rc, no certificate"
	fi
	return 0
}
