#!/usr/bin/env python3
"""Helpers for captures/lab/run-lab (see README.md).

postprocess: merge the per-host charon logs into captures/<name>.log and
             extract the IKE keys into Wireshark UAT key files.
check:       verify with tshark that key files decrypt their captures.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import time

LINE = re.compile(r'^(\d\d:\d\d:\d\d\.\d\d\d) (\d\d)\[(\w+)\] (?:<([^>]*)> )?(.*)$')
DUMP = re.compile(r'^\s+\d+: ((?:[0-9A-F]{2} ?)+)')
SPIS = re.compile(r'IKEv(\d) SA \S+ with SPIs ([0-9a-f]{16})_i ([0-9a-f]{16})_r')

# IKEv2 key names logged by keymat_v2.c at level 4
V2KEYS = ('Sk_ai', 'Sk_ar', 'Sk_ei', 'Sk_er')


def parse(path):
    """Yield (time, thread, group, ikename, msg, dumpbytes) for a charon filelog."""
    out = []
    try:
        lines = open(path, errors='replace').read().splitlines()
    except FileNotFoundError:
        return out
    for ln in lines:
        m = LINE.match(ln)
        if not m:
            continue
        t, th, grp, ike, msg = m.groups()
        d = DUMP.match(msg)
        if d and out and out[-1][1] == th:
            out[-1][5].append(d.group(1).replace(' ', '').lower())
            continue
        out.append([t, th, grp, ike or '', msg, []])
    return out


def extract_keys(host, entries):
    """Return list of dicts: IKE SA keys found in a host's full log.

    Keys are tied to their IKE SA by the <conn|unique-id> prefix: the SPIs are
    the latest "checkin ... with SPIs X_i Y_r" line of that IKE_SA with a
    responder SPI (before the key, else the next one after it).

    An IKEv2 rekey's requester derives the new IKE SA's keys in the old SA's
    thread (same prefix): a second IKEv2 key set under one prefix is returned
    with 'rekey' set and no SPIs, for resolve_rekey_keys()."""
    spis = {}      # ikename -> (ispi, rspi)
    found = []
    waiting = []   # keys whose SPIs are not known yet
    pending = {}   # ikename -> partial IKEv2 key set
    for t, th, grp, ikename, msg, dump in entries:
        ike = ikename.split('|')[-1]   # "<1>" before the config is known, "<lab|1>" after
        m = SPIS.search(msg)
        if m and ike and m.group(3) != '0' * 16:
            spis[ike] = (m.group(2), m.group(3))
            for k in [k for k in waiting if k['ike'] == ike]:
                k['ispi'], k['rspi'] = spis[ike]
                waiting.remove(k)
            continue
        if grp != 'IKE' or not dump:
            continue
        name = msg.split(' =>')[0]
        key = ''.join(dump)
        k = None
        if name == 'encryption key Ka':
            k = dict(host=host, time=t, ike=ike, ikename=ikename, version='1', key=key)
        elif name.split(' ')[0] in V2KEYS and name.endswith('secret'):
            p = pending.setdefault(ike, dict(host=host, time=t, ike=ike, ikename=ikename, version='2'))
            p[name.split(' ')[0]] = key
            if all(x in p for x in V2KEYS):
                k = pending.pop(ike)
        if k:
            k['rekey'] = k['version'] == '2' and any(f['ike'] == ike and f['version'] == '2' for f in found)
            found.append(k)
            if not k['rekey'] and ike in spis:
                k['ispi'], k['rspi'] = spis[ike]
            elif not k['rekey']:
                waiting.append(k)
    return [k for k in found if 'ispi' in k or k['rekey']]


def resolve_rekey_keys(keys, pcap):
    """Gives each rekey key set (extract_keys) its IKE SA's SPIs: those of the
    twin key set the rekey's responder logged in the new SA's own thread
    (both peers derive the same keys), else those of the capture's IKE SA
    (not keyed otherwise) that the keys decrypt. Drops the rest."""
    known = {(k['Sk_ei'], k['Sk_er']): (k['ispi'], k['rspi'])
             for k in keys if k['version'] == '2' and not k['rekey']}
    out = []
    for k in keys:
        if k['rekey']:
            spis = known.get((k['Sk_ei'], k['Sk_er'])) or decrypted_sa(k, pcap, set(known.values()))
            if not spis:
                continue
            known[(k['Sk_ei'], k['Sk_er'])] = spis
            k['ispi'], k['rspi'] = spis
        out.append(k)
    return out


def decrypted_sa(k, pcap, keyed):
    """The SPIs of the capture's encrypted IKEv2 SA, not in keyed, whose
    messages k's keys decrypt (payloads read, nothing malformed), or None."""
    rows = tshark_fields(pcap, [], ['isakmp.ispi', 'isakmp.rspi'], 'isakmp.version == 0x20 && isakmp.typepayload == 46')
    for spis in sorted(set((r[0], r[1]) for r in rows if len(r) == 2) - keyed):
        encr, integ = k['algs'] or (None, None)
        line = '%s,%s,%s,%s,"%s",%s,%s,"%s"' % (spis[0], spis[1], k['Sk_ei'], k['Sk_er'], encr, k['Sk_ai'],
                                               k['Sk_ar'], integ)
        got = tshark_fields(pcap, ['uat:ikev2_decryption_table:' + line],
                            ['isakmp.enc.decrypted', '_ws.malformed'],
                            'isakmp.ispi == %s && isakmp.rspi == %s && isakmp.typepayload == 46'
                            % tuple(':'.join(x[i:i + 2] for i in range(0, 16, 2)) for x in spis))
        if got and all(len(r) > 1 and r[0] and not r[1] for r in got):
            return spis
    return None


def v2_alg_names(entries, ike, when):
    """Wireshark UAT algorithm names from the selected IKEv2 proposal: the
    IKE SA's own, or for an IKE SA made by a rekey (its proposal is selected
    under the old IKE SA's name) the latest one selected before its keys."""
    prop = latest = None
    for t, th, grp, i, msg, dump in entries:
        if not msg.startswith('selected proposal: IKE:'):
            continue
        if i.split('|')[-1] == ike:
            prop = msg.split('IKE:')[1]
        if t <= when:
            latest = msg.split('IKE:')[1]
    prop = prop or latest
    if not prop:
        return None
    parts = prop.split('/')
    encr = {
        'AES_CBC_128': 'AES-CBC-128 [RFC3602]',
        'AES_CBC_192': 'AES-CBC-192 [RFC3602]',
        'AES_CBC_256': 'AES-CBC-256 [RFC3602]',
        '3DES_CBC': '3DES [RFC2451]',
    }.get(parts[0])
    integ = {
        'HMAC_SHA1_96': 'HMAC_SHA1_96 [RFC2404]',
        'HMAC_SHA2_256_128': 'HMAC_SHA2_256_128 [RFC4868]',
        'HMAC_SHA2_384_192': 'HMAC_SHA2_384_192 [RFC4868]',
        'HMAC_SHA2_512_256': 'HMAC_SHA2_512_256 [RFC4868]',
        'HMAC_MD5_96': 'HMAC_MD5_96 [RFC2403]',
    }.get(parts[1])
    return encr, integ


def postprocess(a):
    hosts = []
    for spec in a.hosts:
        h, d = spec.split('=', 1)
        hosts.append((h, d))
    acts = []
    cap_start = cap_stop = None
    for ln in open(a.actions, errors='replace').read().splitlines():
        t = ln.split(' ', 1)[0]
        acts.append((t, ln))
        if '[ACT] capture started' in ln:
            cap_start = t
        if '[ACT] capture stopped' in ln:
            cap_stop = t
    rows = []   # (time, seq, text)
    seq = 0
    width = max(len(h) for h, _ in hosts + [('lab', '')])
    for h, d in hosts:
        for t, th, grp, ike, msg, dump in parse(os.path.join(d, 'summary.log')):
            if cap_stop and t > cap_stop:
                continue
            ikes = '<%s> ' % ike if ike else ''
            rows.append((t, seq, '%s %-*s %s[%s] %s%s' % (t, width, h, th, grp, ikes, msg)))
            seq += 1
    for h, d in hosts:
        for t, msg in parse_vpnc(os.path.join(d, 'vpnc.log')):
            if cap_stop and t > cap_stop:
                continue
            rows.append((t, seq, '%s %-*s    [VPNC] %s' % (t, width, h, msg)))
            seq += 1
    found = []
    for h, d in hosts:
        full = parse(os.path.join(d, 'full.log'))
        for k in extract_keys(h, full):
            if k['version'] == '2':
                k['algs'] = v2_alg_names(full, k['ike'], k['time'])
            found.append(k)
    keys = []
    for k in resolve_rekey_keys(found, os.path.join(a.out, a.name + '.pcapng')):
        if cap_stop and k['time'] > cap_stop:
            continue
        if k['version'] == '1':
            txt = 'ISAKMP SA %s_i %s_r: encryption key Ka = %s' % (k['ispi'], k['rspi'], k['key'])
        else:
            algs = k['algs']
            txt = 'IKE SA %s_i %s_r: SK_ei %s SK_er %s SK_ai %s SK_ar %s (%s)' % (
                k['ispi'], k['rspi'], k['Sk_ei'], k['Sk_er'], k['Sk_ai'], k['Sk_ar'], algs)
        rows.append((k['time'], seq, '%s %-*s   [KEY] <%s> %s' % (k['time'], width, k['host'], k['ikename'], txt)))
        seq += 1
        keys.append(k)
    for t, ln in acts:
        rest = ln.split(' ', 2)
        # actions.log lines: "time who [TAG] text"
        if len(rest) == 3:
            who, txt = rest[1], rest[2].lstrip()
            rows.append((t, seq, '%s %-*s %s' % (t, width, who, txt)))
            seq += 1
    rows.sort()
    name = a.name
    logp = os.path.join(a.out, name + '.log')
    with open(logp, 'w') as f:
        f.write('# ikediag capture lab: %s\n# %s\n' % (name, a.desc))
        f.write('# made by: captures/lab/run-lab %s  (%s, strongSwan %s)\n' % (
            name, time.strftime('%Y-%m-%d'), charon_version()))
        f.write('# ground truth: charon logs of every host (level 1 for all groups, keys from a level-4\n'
                '# IKE log), plus lab actions ([ACT]) and "swanctl --list-sas" before the capture stopped ([SAS]).\n'
                '# Lines after the capture stopped are left out (daemon shutdown DELETEs are not on the wire).\n')
        f.write('# columns: time host thread[group] <conn|IKE_SA-unique-id> message\n')
        for t, s, txt in rows:
            f.write(txt + '\n')
    refuse_secrets(logp, hosts)
    # key files: one line per IKE SA, duplicates (both peers log the same key)
    # merged.  If the peers derived different keys for the same SA (PSK
    # mismatch) the table holds the first host's key (the initiator in the
    # lab's host order); the other key is in the .log only (Wireshark takes one
    # key per initiator cookie).
    v1 = {}     # ispi -> {host: key}
    v2 = {}
    for k in keys:
        if k['version'] == '1':
            v1.setdefault(k['ispi'], {}).setdefault(k['host'], k['key'])
        else:
            v2.setdefault((k['ispi'], k['rspi']), k)
    for old in glob.glob(os.path.join(a.out, name + '.*decryption_table')):
        os.unlink(old)
    lines = []
    for ispi, byhost in v1.items():
        hs = [h for h, _ in hosts if h in byhost]
        lines.append('%s,%s' % (ispi, byhost[hs[0]]))
    if lines:
        with open(os.path.join(a.out, name + '.ikev1_decryption_table'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
    if v2:
        with open(os.path.join(a.out, name + '.ikev2_decryption_table'), 'w') as f:
            for (i, r), k in v2.items():
                encr, integ = k.get('algs') or (None, None)
                f.write('%s,%s,%s,%s,"%s",%s,%s,"%s"\n' % (
                    i, r, k['Sk_ei'], k['Sk_er'], encr, k['Sk_ai'], k['Sk_ar'], integ))
    return 0


VPNC_LINE = re.compile(r'^(\d\d:\d\d:\d\d\.\d\d\d) (.*)$')
VPNC_SECRETS = ('IPSec secret', 'Xauth password')


def parse_vpnc(path):
    """(time, text) of vpnc's time-stamped output (run-lab's vpnc_connect),
    blank lines left out."""
    try:
        lines = open(path, errors='replace').read().splitlines()
    except FileNotFoundError:
        return []
    # vpnc's own second-resolution stamps (" [2026-12-02 06:30:14]") add nothing
    own = re.compile(r'^\s*\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\]$')
    return [m.groups() for m in map(VPNC_LINE.match, lines)
            if m and m.group(2).strip() and not own.match(m.group(2))]


def vpnc_secrets(path):
    """The group secret and XAUTH password of a vpnc.conf."""
    out = []
    try:
        for ln in open(path):
            for key in VPNC_SECRETS:
                if ln.startswith(key + ' '):
                    out.append(ln[len(key) + 1:].strip())
    except FileNotFoundError:
        pass
    return [x for x in out if x]


def refuse_secrets(logp, hosts):
    """The .log is committed: a vpnc secret in it (vpnc prints them only at
    --debug 99, but be sure) removes it and fails the run."""
    text = open(logp, errors='replace').read()
    for h, d in hosts:
        if any(x in text for x in vpnc_secrets(os.path.join(d, 'vpnc.conf'))):
            os.unlink(logp)
            sys.exit('labtool: a secret of %s/vpnc.conf is in the log; log removed' % d)


def charon_version():
    try:
        return subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'strongswan-libcharon'],
                              capture_output=True, text=True).stdout.strip()
    except OSError:
        return '?'


def tshark_fields(pcap, opts, fields, dfilter=None):
    cmd = ['tshark', '-n', '-r', pcap]
    for o in opts:
        cmd += ['-o', o]
    if dfilter:
        cmd += ['-Y', dfilter]
    cmd += ['-T', 'fields']
    for fl in fields:
        cmd += ['-e', fl]
    r = subprocess.run(cmd, capture_output=True, text=True)
    return [ln.split('\t') for ln in r.stdout.splitlines()]


def scenario_setting(path, var):
    try:
        for ln in open(path):
            m = re.match(r'^%s=(["\']?)(.*)\1\s*$' % var, ln.strip())
            if m:
                return m.group(2)
    except OSError:
        pass
    return ''


def check(a):
    """Every encrypted IKE message of a capture must be decrypted by one of
    the key files of its scenario (normally exactly one file)."""
    outdir = a.dir
    bad = 0
    tables = sorted(glob.glob(os.path.join(outdir, '*.ikev[12]_decryption_table')))
    bases = {}
    for t in tables:
        bases.setdefault(os.path.basename(t).split('.')[0], []).append(t)
    if a.names:
        bases = {b: t for b, t in bases.items() if b in a.names}
    if not bases:
        print('no key files found')
        return 1
    for base, tabs in sorted(bases.items()):
        for pcap in sorted(glob.glob(os.path.join(outdir, base + '.pcapng')) +
                           glob.glob(os.path.join(outdir, base + '-*.pcapng'))):
            encrypted = None
            union = set()
            per = []
            for tab in tabs:
                uat = tab.rsplit('.', 1)[1]
                lines = [ln.strip() for ln in open(tab) if ln.strip()]
                opts = ['uat:%s:%s' % (uat, ln) for ln in lines]
                if uat.startswith('ikev1'):
                    rows = tshark_fields(pcap, opts, ['frame.number', 'isakmp.typepayload', '_ws.malformed'],
                                         'isakmp.version == 0x10 && isakmp.flags & 0x01')
                else:
                    rows = tshark_fields(pcap, opts, ['frame.number', 'isakmp.enc.decrypted', '_ws.malformed'],
                                         'isakmp.version == 0x20 && (isakmp.typepayload == 46 || isakmp.typepayload == 53)')
                # decrypted = payloads dissected and nothing malformed (a wrong
                # key or IV yields garbage that Wireshark flags as malformed)
                enc = set(r[0] for r in rows)
                dec = set(r[0] for r in rows if len(r) > 2 and r[1] and not r[2])
                encrypted = enc if encrypted is None else encrypted | enc
                union |= dec
                per.append('%s: %d key(s), %d decrypted' % (os.path.basename(tab), len(lines), len(dec)))
            expect = scenario_setting(os.path.join(outdir, 'lab', 'scenarios', base, 'scenario'), 'KEYS_EXPECT')
            if encrypted and union == encrypted:
                verdict = 'OK'
            elif (union and expect.startswith('partial')) or (not union and expect.startswith('none')):
                verdict = 'OK*'     # documented: some messages cannot be decrypted by Wireshark
            else:
                verdict = 'FAIL'
            ok = verdict != 'FAIL'
            if expect and verdict == 'OK*':
                per.append('expected: ' + expect)
            print('%-4s %-40s encrypted IKE messages decrypted: %d/%d  (%s)' % (
                verdict, os.path.basename(pcap), len(union), len(encrypted or ()),
                '; '.join(per)))
            if not ok:
                bad += 1
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest='cmd', required=True)
    p = sub.add_parser('postprocess')
    p.add_argument('--name', required=True)
    p.add_argument('--desc', default='')
    p.add_argument('--actions', required=True)
    p.add_argument('--out', required=True)
    p.add_argument('hosts', nargs='*')
    c = sub.add_parser('check')
    c.add_argument('--dir', required=True)
    c.add_argument('names', nargs='*')
    a = ap.parse_args()
    return postprocess(a) if a.cmd == 'postprocess' else check(a)


if __name__ == '__main__':
    sys.exit(main())
