"""Seeds for the fuzz targets: the project's hand-written fixtures and, when the reference data
is present (../shared beside the checkout, or INTERDICT_REFERENCE), the real list files, cut to
their first 48 KB where a whole file would only slow the fuzzer down. Writes one folder per
target into the folder given:

    python3 fuzz/seed.py /tmp/seeds

A target that chooses among several readers takes the choice from its first byte; the seeds
start with it.
"""
import os, glob, json, io, zipfile, csv
import sys
M=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
S=os.environ.get('INTERDICT_REFERENCE', os.path.join(M, '..', 'shared'))
F=M+'/crates/interdict-lists/tests/fixtures'
out=sys.argv[1]
def put(t, name, data):
    d=os.path.join(out,t); os.makedirs(d,exist_ok=True)
    open(os.path.join(d,name),'wb').write(data)
def rd(p, n=None):
    b=open(p,'rb').read()
    return b if n is None else b[:n]
K=48*1024
# list_un
for p in glob.glob(F+'/un_*.xml')+[M+'/examples/un_sample.xml']: put('list_un', os.path.basename(p), rd(p))
for p in glob.glob(S+'/data/un/*.xml')+glob.glob(S+'/data/un/corrupted/*'): put('list_un', 'real-'+os.path.basename(p), rd(p,K))
# ofac csv
parts=['sdn.csv','alt.csv','add.csv','sdn_comments.csv']
put('list_ofac_csv','fixture', b'\0'.join(rd(F+'/ofac_csv/'+x) for x in parts))
for d in ['legacy_csv_2021-07','legacy_csv_2019-01']:
    if os.path.isdir(S+'/data/ofac/'+d):
        put('list_ofac_csv','real-'+d, b'\0'.join(rd(S+'/data/ofac/'+d+'/'+x, 8192) if os.path.exists(S+'/data/ofac/'+d+'/'+x) else b'' for x in parts))
cons=S+'/data/ofac/consolidated_non_sdn_csv_2025-12'
if os.path.isdir(cons): put('list_ofac_csv','real-cons', b'\0'.join(rd(cons+'/'+x, 8192) for x in ['cons_prim.csv','cons_alt.csv','cons_add.csv','cons_comments.csv']))
# ofac xml
put('list_ofac_xml','fixture-sdn', b'\x00'+rd(F+'/ofac_sdn.xml'))
put('list_ofac_xml','fixture-enhanced', b'\x02'+rd(F+'/ofac_enhanced.xml'))
for p in glob.glob(S+'/data/ofac/consolidated_non_sdn_xml/*.xml')[:2]: put('list_ofac_xml','real-'+os.path.basename(p), b'\x01'+rd(p,K))
for p in glob.glob(S+'/data/ofac/*.xml'): put('list_ofac_xml','real-'+os.path.basename(p), b'\x02'+rd(p,K))
# uk
put('list_uk','fixture-conlist', b'\x00'+rd(F+'/uk_conlist.csv'))
put('list_uk','fixture-fcdo-xml', b'\x01'+rd(F+'/uk_sanctions_list.xml'))
put('list_uk','fixture-fcdo-csv', b'\x02'+rd(F+'/uk_sanctions_list.csv'))
for p in glob.glob(S+'/data/uk/*.csv'): put('list_uk','real-'+os.path.basename(p), b'\x00'+rd(p,K))
# eu
put('list_eu','fixture-xml', b'\x00'+rd(F+'/eu_fsf_sample.xml'))
put('list_eu','fixture-csv', b'\x01'+rd(F+'/eu_fsf_sample.csv'))
put('list_eu','fixture-journal', b'\x02'+rd(F+'/eu_journal.csv'))
for p in glob.glob(S+'/data/eu/*.csv'): put('list_eu','real-'+os.path.basename(p), b'\x02'+rd(p,K))
# canada
put('list_canada','fixture', rd(F+'/ca_sema.xml'))
for p in glob.glob(S+'/data/canada/*.xml'): put('list_canada','real-'+os.path.basename(p), rd(p,K))
# australia
put('list_australia','fixture', rd(F+'/au_dfat.xlsx'))
for p in glob.glob(S+'/data/australia/*.xlsx'): put('list_australia','real-'+os.path.basename(p), rd(p))
# bis
put('list_bis','fixture', rd(F+'/bis_dpl.txt'))
for p in glob.glob(S+'/data/us_bis/*.txt'): put('list_bis','real-'+os.path.basename(p), rd(p,K))
# ftm
for p in glob.glob(F+'/ftm_*.json'): put('list_ftm','fixture-'+os.path.basename(p), b'\x00'+rd(p))
put('list_ftm','fixture-simple', b'\x01'+rd(F+'/os_targets.simple.csv'))
for p in glob.glob(S+'/data/opensanctions/ftm_entities/*')[:3]: put('list_ftm','real-'+os.path.basename(p), b'\x00'+rd(p,K))
for p in glob.glob(S+'/data/opensanctions/targets_simple/*')[:2]: put('list_ftm','real-'+os.path.basename(p), b'\x01'+rd(p,K))
# any
names=["list.xml","list.csv","list.json","list.zip","list.xlsx","sdn.csv","dpl.txt"]
put('list_any','un', b'\x00'+rd(M+'/examples/un_sample.xml'))
put('list_any','uk', b'\x01'+rd(F+'/uk_sanctions_list.csv'))
put('list_any','ftm', b'\x02'+rd(F+'/ftm_entities.json'))
z=io.BytesIO(); zf=zipfile.ZipFile(z,'w',zipfile.ZIP_DEFLATED)
for x in parts: zf.writestr('ofac/'+x, rd(F+'/ofac_csv/'+x))
zf.close(); put('list_any','zip', b'\x03'+z.getvalue())
put('list_any','xlsx', b'\x04'+rd(F+'/au_dfat.xlsx'))
put('list_any','bis', b'\x06'+rd(F+'/bis_dpl.txt'))
# documents
P=M+'/crates/interdict/tests/fixtures/prose'
for p in glob.glob(P+'/*'): put('documents', os.path.basename(p), rd(p,K))
if os.path.exists(S+'/eval/seed_cable_09STATE65183.txt'): put('documents','cable', rd(S+'/eval/seed_cable_09STATE65183.txt',K))
put('documents','html', b'<!DOCTYPE html><html><body><p>Lashkar-e-Tayyiba &amp; Jamaat-ud-Dawa</p><script>x</script></body></html>')
put('documents','utf16', b'\xff\xfe'+'Hafiz Muhammad Saeed\n'.encode('utf-16-le'))
# payments
PF=M+'/crates/interdict-payments/tests/fixtures'
for p in glob.glob(PF+'/*.xml')+glob.glob(PF+'/*.txt')+glob.glob(PF+'/*.jsonl'): put('payments', os.path.basename(p), rd(p))
# batch input
put('batch_input','messy', b'\x00'+rd(M+'/crates/interdict/tests/fixtures/messy_bank_export.csv'))
put('batch_input','jsonl', b'\x01'+b'{"name": "Hafiz Saeed", "dob": "1950", "country": ["pk"]}\n{"first_name": "Ali", "last_name": "Khan"}\nnot json\n')
put('batch_input','tsv', b'\x03'+b'name\tdob\nAli Khan\t12/30/1960\n')
rows=[r for r in csv.reader(open(S+'/eval/seed_cases.csv',encoding='utf-8'))] if os.path.exists(S+'/eval/seed_cases.csv') else [['name'],['Hafiz Saeed']]
bio=io.StringIO(); w=csv.writer(bio); [w.writerow(r) for r in rows[:40]]
put('batch_input','seed-cases', b'\x00'+bio.getvalue().encode())
# names
import xml.etree.ElementTree as ET
t=ET.parse(S+'/data/un/un_consolidated_2025-04-19.xml' if os.path.exists(S+'/data/un/un_consolidated_2025-04-19.xml') else M+'/examples/un_sample.xml')
n=0
for e in t.iter():
    if e.tag in ('NAME_ORIGINAL_SCRIPT','ALIAS_NAME','FIRST_NAME') and e.text and n<150:
        put('names', f'name{n:03}', e.text.encode()); n+=1
put('names','invisible', 'Hafiz Mohammed Sa\u200beed \u00ad\u202e'.encode())
put('names','long', b'a'*5000)
# api
put('api_requests','match', b'\x00'+json.dumps({"queries":{"q":{"schema":"Person","properties":{"name":["Hafiz Saeed"],"birthDate":["1950"],"nationality":["pk"]}}}}).encode())
put('api_requests','screen', b'\x01'+json.dumps({"queries":[{"name":"Jaamat-u-Dawa","schema":"Organization","dob":"c. 1990","country":"Pakistan"}],"threshold":0.7}).encode())
put('api_requests','scan', b'\x02'+json.dumps({"text":"Donate to Falah-e-Insaniat Foundation and LeT."}).encode())
put('api_requests','reconcile', b'\x03'+json.dumps({"q0":{"query":"Lashkar e Taiba","type":"Organization"}}).encode())
