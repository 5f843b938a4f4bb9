<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>ArchivePage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="51" />
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="52" />
        <source>Archive everything</source>
        <translation>Alles archivieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="55" />
        <source>Before your gateway is taken out of service you must fetch and keep all your readings and the logbook. "Archive everything" writes them into one ZIP file — the gateway's answers byte for byte, plus CSV tables and a summary — that can be checked years later without the gateway. An interrupted archive can be continued.</source>
        <translation>Bevor Ihr Gateway außer Betrieb genommen wird, müssen Sie alle Ihre Messwerte und das Logbuch abholen und aufbewahren. „Alles archivieren“ schreibt sie in eine ZIP-Datei – die Antworten des Gateways Byte für Byte, dazu CSV-Tabellen und eine Zusammenfassung –, die auch Jahre später ohne Gateway geprüft werden kann. Ein unterbrochenes Archiv kann fortgesetzt werden.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="63" />
        <source>&amp;Archive everything…</source>
        <translation>Alles &amp;archivieren…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="65" />
        <source>Ca&amp;ncel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="68" />
        <source>&amp;Continue an interrupted archive</source>
        <translation>Unterbrochenes Archiv &amp;fortsetzen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="86" />
        <source>Open an archive</source>
        <translation>Archiv öffnen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="89" />
        <source>Look at an archive without a gateway: its readings, logbook and verification appear in the same pages as a live connection.</source>
        <translation>Ein Archiv ohne Gateway ansehen: Messwerte, Logbuch und Prüfung erscheinen auf denselben Seiten wie bei einer Verbindung.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="94" />
        <source>&amp;Open archive…</source>
        <translation>Archiv ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="117" />
        <location filename="../../trudi_py/gui/pages/archive.py" line="125" />
        <source>Not available yet in this version.</source>
        <translation>In dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="119" />
        <source>Connect to your gateway first.</source>
        <translation>Verbinden Sie sich zuerst mit Ihrem Gateway.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="136" />
        <source>Save archive as</source>
        <translation>Archiv speichern unter</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="138" />
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP-Archive (*.zip)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="145" />
        <source>Continue archive</source>
        <translation>Archiv fortsetzen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="146" />
        <source>An incomplete archive {0} exists. Continue it?</source>
        <translation>Es gibt ein unvollständiges Archiv {0}. Fortsetzen?</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="159" />
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="173" />
        <source>Cancelling after the current request…</source>
        <translation>Abbruch nach der laufenden Anfrage…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="179" />
        <source>Request {0} of {1} — {2}</source>
        <translation>Anfrage {0} von {1} – {2}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="182" />
        <source>about {0} left</source>
        <translation>noch etwa {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="184" />
        <source>{0:.1f} MB received</source>
        <translation>{0:.1f} MB empfangen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="200" />
        <source>Archive written: {0}</source>
        <translation>Archiv geschrieben: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="201" />
        <source>{0} readings, {1} logbook entries, {2} requests in {3}.</source>
        <translation>{0} Messwerte, {1} Logbucheinträge, {2} Anfragen in {3}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="206" />
        <source>The archive is complete.</source>
        <translation>Das Archiv ist vollständig.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="210" />
        <source>The archive is NOT complete: {0} parts are missing. Run it again with "Continue an interrupted archive".</source>
        <translation>Das Archiv ist NICHT vollständig: {0} Teile fehlen. Starten Sie es erneut mit „Unterbrochenes Archiv fortsetzen“.</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="0" />
        <source>Tariff zones</source>
        <translation>Tarifzonen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="0" />
        <source>No consumption in this range</source>
        <translation>Kein Verbrauch in diesem Zeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="0" />
        <source>Consumption per tariff zone</source>
        <translation>Verbrauch je Tarifzone</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="0" />
        <source>zones of the signed tariff profile</source>
        <translation>Zonen aus dem signierten Tarifprofil</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="0" />
        <source>HT Mon–Fri 06–22, NT otherwise (no tariff profile)</source>
        <translation>HT Mo–Fr 06–22 Uhr, sonst NT (kein Tarifprofil)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="295" />
        <source>Load profile</source>
        <translation>Lastgang</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="295" />
        <source>Daily energy</source>
        <translation>Tageswerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="295" />
        <source>Monthly energy</source>
        <translation>Monatswerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="143" />
        <source>No energy values in this range</source>
        <translation>Keine Energiewerte in diesem Zeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="196" />
        <source>Average power per 15 minutes</source>
        <translation>Mittlere Leistung je 15 Minuten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="197" />
        <source>Average power per hour</source>
        <translation>Mittlere Leistung je Stunde</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="198" />
        <source>Average power per day</source>
        <translation>Mittlere Leistung je Tag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="201" />
        <source>W  (consumption + / feed-in −)</source>
        <translation>W  (Bezug + / Einspeisung −)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="218" />
        <source>Energy per day</source>
        <translation>Energie je Tag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="220" />
        <location filename="../../trudi_py/gui/charts.py" line="239" />
        <source>kWh  (consumption + / feed-in −)</source>
        <translation>kWh  (Bezug + / Einspeisung −)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="237" />
        <source>Energy per month</source>
        <translation>Energie je Monat</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="274" />
        <source>Drawing…</source>
        <translation>Wird gezeichnet…</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="122" />
        <source>Consumption {0}</source>
        <extracomment>Load-profile resolution by loaded range: keep the number of drawn points below ~1500 so a draw stays well under 50 ms on a slow machine.</extracomment>
        <translation>Bezug {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="124" />
        <source>Feed-in {0}</source>
        <translation>Einspeisung {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="129" />
        <source>Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec</source>
        <translation>Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="32" />
        <source>Connect to the gateway</source>
        <translation>Mit dem Gateway verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="34" />
        <source>Connect this PC with a network cable to the HAN port of your Smart Meter Gateway. Address and login data come from your meter operator.</source>
        <translation>Verbinden Sie diesen PC per Netzwerkkabel mit der HAN-Schnittstelle Ihres Smart-Meter-Gateways. Adresse und Zugangsdaten erhalten Sie von Ihrem Messstellenbetreiber.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="40" />
        <source>Recently used gateways</source>
        <translation>Zuletzt verwendete Gateways</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="45" />
        <source>&amp;Recently used:</source>
        <translation>Zuletzt &amp;verwendet:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="55" />
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="57" />
        <source>&amp;Address (IP or host name):</source>
        <translation>A&amp;dresse (IP oder Hostname):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="62" />
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="64" />
        <source>With &amp;certificate file (.p12)</source>
        <translation>Mit &amp;Zertifikatsdatei (.p12)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="65" />
        <source>With &amp;user name and password</source>
        <translation>Mit &amp;Benutzername und Passwort</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="81" />
        <source>e.g. consumer.p12</source>
        <translation>z. B. verbraucher.p12</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="82" />
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="87" />
        <source>Certificate &amp;file:</source>
        <translation>Zertifikats&amp;datei:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="91" />
        <source>Certificate pass&amp;word:</source>
        <translation>Zertifikats-Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="95" />
        <source>User &amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="96" />
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="104" />
        <source>&amp;Advanced settings</source>
        <translation>&amp;Erweiterte Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="112" />
        <source>Comma-separated TLS key exchange groups. The CONEXA uses secp384r1; other gateways may need Brainpool curves (e.g. brainpoolP384r1).</source>
        <translation>TLS-Schlüsselaustauschgruppen, durch Kommas getrennt. Das CONEXA verwendet secp384r1; andere Gateways brauchen eventuell Brainpool-Kurven (z. B. brainpoolP384r1).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="115" />
        <source>TLS &amp;groups:</source>
        <translation>TLS-&amp;Gruppen:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="120" />
        <source>&amp;Timeout per request:</source>
        <translation>&amp;Zeitlimit je Anfrage:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="126" />
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="130" />
        <source>Open a&amp;rchive…</source>
        <translation>A&amp;rchiv öffnen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="131" />
        <source>Look at a saved archive without a gateway</source>
        <translation>Ein gespeichertes Archiv ohne Gateway ansehen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="205" />
        <source>Choose the certificate file</source>
        <translation>Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="206" />
        <source>Certificate files (*.p12 *.pfx);;All files (*)</source>
        <translation>Zertifikatsdateien (*.p12 *.pfx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="260" />
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="272" />
        <source>The address {0} could not be resolved. Enter the gateway's IP address, e.g. 192.200.1.100.</source>
        <translation>Die Adresse {0} konnte nicht aufgelöst werden. Geben Sie die IP-Adresse des Gateways ein, z. B. 192.200.1.100.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="277" />
        <source>Network check: this PC ({0}) is in the gateway's subnet. Check that the cable is plugged into the HAN port and that the gateway is running. If it keeps failing, the gateway may be in a secure state (see Overview) — inform your meter operator.</source>
        <translation>Netzwerkprüfung: Dieser PC ({0}) ist im Netz des Gateways. Prüfen Sie, ob das Kabel in der HAN-Schnittstelle steckt und das Gateway läuft. Scheitert die Verbindung weiter, ist das Gateway vielleicht in einem Sicherheitszustand (siehe Übersicht) – informieren Sie Ihren Messstellenbetreiber.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="284" />
        <source>This PC uses the gateway's own address {0}.</source>
        <translation>Dieser PC verwendet die Adresse des Gateways selbst ({0}).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="287" />
        <source>This PC has no address in the gateway's network.</source>
        <translation>Dieser PC hat keine Adresse im Netz des Gateways.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="289" />
        <source>This PC ({0}) is not in the gateway's network.</source>
        <translation>Dieser PC ({0}) ist nicht im Netz des Gateways.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="292" />
        <source>Set the network adapter the gateway is connected to &lt;b&gt;manually&lt;/b&gt; to:&lt;ul&gt;&lt;li&gt;IP address: &lt;b&gt;{0}&lt;/b&gt; (any free address {1}.x except {2})&lt;/li&gt;&lt;li&gt;Subnet mask: &lt;b&gt;{3}&lt;/b&gt;&lt;/li&gt;&lt;li&gt;Default gateway: &lt;b&gt;leave empty&lt;/b&gt;&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>Stellen Sie den Netzwerkadapter, an dem das Gateway hängt, &lt;b&gt;manuell&lt;/b&gt; ein:&lt;ul&gt;&lt;li&gt;IP-Adresse: &lt;b&gt;{0}&lt;/b&gt; (jede freie Adresse {1}.x außer {2})&lt;/li&gt;&lt;li&gt;Subnetzmaske: &lt;b&gt;{3}&lt;/b&gt;&lt;/li&gt;&lt;li&gt;Standardgateway: &lt;b&gt;leer lassen&lt;/b&gt;&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="98" />
        <source>Save the password in the &amp;keyring</source>
        <translation>Passwort im Schlüsselbund &amp;speichern</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="258" />
        <source>Store the password in the operating system's keyring for this gateway and user name; it is filled in when you choose the gateway again.</source>
        <translation>Das Passwort für dieses Gateway und diesen Benutzernamen im Schlüsselbund des Betriebssystems speichern; es wird eingetragen, wenn Sie das Gateway wieder auswählen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="261" />
        <source>No keyring is available on this computer (on Linux: a running Secret Service such as GNOME Keyring or KWallet, and the 'keyring' package).</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar (unter Linux: ein laufender Secret Service wie GNOME Keyring oder KWallet und das Paket „keyring“).</translation>
    </message>
</context>
<context>
    <name>ContractsPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="46" />
        <source>Contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="50" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="50" />
        <source>Tariff use case</source>
        <translation>Tarifanwendungsfall</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="50" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="50" />
        <source>Meters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="51" />
        <source>Metering point</source>
        <translation>Messlokation</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="51" />
        <source>Delivery to</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="51" />
        <source>Usage point id</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="58" />
        <source>Billing periods</source>
        <translation>Abrechnungszeiträume</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="62" />
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="62" />
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="66" />
        <source>Databases and channels</source>
        <translation>Datenbanken und Kanäle</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="111" />
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="115" />
        <source>none (no values are kept)</source>
        <translation>keine (es werden keine Werte gespeichert)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="117" />
        <source>none listed</source>
        <translation>keine angegeben</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="118" />
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="133" />
        <source>Data goes to: {0}</source>
        <translation>Daten gehen an: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="134" />
        <source>Transparency bit: {0}</source>
        <translation>Transparenzbit: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="135" />
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="135" />
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="136" />
        <source>Signed tariff profile: {0}</source>
        <translation>Signiertes Tarifprofil: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="137" />
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="137" />
        <source>not supplied</source>
        <translation>nicht geliefert</translation>
    </message>
</context>
<context>
    <name>CurrentValuesPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="64" />
        <source>Current values</source>
        <translation>Aktuelle Werte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="66" />
        <source>The newest value of every channel. The gateway produces a new value every 15 minutes; this page refreshes itself at most every 15 minutes. Contracts TAF 9 and TAF 10 keep no history — only their current value is shown here.</source>
        <translation>Der neueste Wert jedes Kanals. Das Gateway bildet alle 15 Minuten einen neuen Wert; diese Seite aktualisiert sich höchstens alle 15 Minuten von selbst. Verträge mit TAF 9 und TAF 10 speichern keine Werte – von ihnen sehen Sie nur hier den aktuellen Wert.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="72" />
        <source>&amp;Refresh now</source>
        <translation>&amp;Jetzt aktualisieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="82" />
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="82" />
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="83" />
        <source>Time (Berlin)</source>
        <translation>Zeit (Berlin)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="83" />
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="84" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="121" />
        <source>Reading current values…</source>
        <translation>Aktuelle Werte werden gelesen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="130" />
        <source>Updated {0}</source>
        <translation>Aktualisiert {0}</translation>
    </message>
</context>
<context>
    <name>Databases</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="77" />
        <source>original values</source>
        <translation>Originalwerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="78" />
        <source>derived values (tariff registers)</source>
        <translation>abgeleitete Werte (Tarifregister)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="79" />
        <source>tariff registers (time-variable)</source>
        <translation>Tarifregister (zeitvariabel)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="80" />
        <source>daily values</source>
        <translation>Tageswerte</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../trudi_py/gui/i18n.py" line="86" />
        <source>Internal error (a bug in trudi_py, please report it): {0}</source>
        <translation>Interner Fehler (ein Fehler in trudi_py, bitte melden): {0}</translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="29" />
        <source>transparency bit set</source>
        <extracomment>3 % of the smallest registration period (15 min): beyond this the gateway goes into Secure State Application (IF_GW_CON "Device behaviour").</extracomment>
        <translation>Transparenzbit gesetzt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="30" />
        <source>fatal error in the gateway</source>
        <translation>schwerer Fehler im Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="31" />
        <source>system time invalid</source>
        <translation>Systemzeit ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="32" />
        <source>PTB warning</source>
        <translation>PTB-Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="33" />
        <source>temporary error: signed values invalid</source>
        <translation>vorübergehender Fehler: signierte Werte ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="35" />
        <source>temporary error: values invalid</source>
        <translation>vorübergehender Fehler: Werte ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="36" />
        <source>identification pattern missing (state word not as specified)</source>
        <translation>Kennung fehlt (Statuswort nicht normgerecht)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="38" />
        <source>state word unreadable</source>
        <translation>Statuswort unlesbar</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="36" />
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="38" />
        <source>{0} min {1:02d} s</source>
        <translation>{0} min {1:02d} s</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="40" />
        <source>{0} h {1:02d} min</source>
        <translation>{0} h {1:02d} min</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="41" />
        <source>{0} d {1} h</source>
        <translation>{0} Tg. {1} h</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="71" />
        <source>Time (Berlin)</source>
        <translation>Zeit (Berlin)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="71" />
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="71" />
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="72" />
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="72" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
</context>
<context>
    <name>LogbookPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="148" />
        <source>Logbook</source>
        <translation>Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="151" />
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="152" />
        <source>Errors and worse (0–3)</source>
        <translation>Fehler und schwerer (0–3)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="153" />
        <source>Warnings and worse (0–4)</source>
        <translation>Warnungen und schwerer (0–4)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="154" />
        <source>Notices and worse (0–5)</source>
        <translation>Hinweise und schwerer (0–5)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="157" />
        <source>Whole logbook</source>
        <translation>Gesamtes Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="157" />
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="158" />
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="158" />
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="159" />
        <source>From – to</source>
        <translation>Von – bis</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="168" />
        <source>Search text…</source>
        <translation>Text suchen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="170" />
        <source>Only &amp;special functions and self-tests</source>
        <translation>Nur &amp;Sonderfunktionen und Selbsttests</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="171" />
        <source>&amp;Level:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="171" />
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="180" />
        <source>Sea&amp;rch:</source>
        <translation>Such&amp;e:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="189" />
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="194" />
        <source>&lt;span style='background:{0}'&gt;&amp;nbsp;blue&amp;nbsp;&lt;/span&gt; active special functions (THE.19013.0) &amp;nbsp; &lt;span style='background:{1}'&gt;&amp;nbsp;green&amp;nbsp;&lt;/span&gt; self-test passed &amp;nbsp; &lt;span style='background:{2}'&gt;&amp;nbsp;red&amp;nbsp;&lt;/span&gt; self-test failed or error</source>
        <translation>&lt;span style='background:{0}'&gt;&amp;nbsp;blau&amp;nbsp;&lt;/span&gt; aktive Sonderfunktionen (THE.19013.0) &amp;nbsp; &lt;span style='background:{1}'&gt;&amp;nbsp;grün&amp;nbsp;&lt;/span&gt; Selbsttest bestanden &amp;nbsp; &lt;span style='background:{2}'&gt;&amp;nbsp;rot&amp;nbsp;&lt;/span&gt; Selbsttest fehlgeschlagen oder Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="244" />
        <source>Loading the logbook…</source>
        <translation>Logbuch wird geladen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="279" />
        <source>{0} of {1} entries</source>
        <translation>{0} von {1} Einträgen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="43" />
        <source>trudi_py — your Smart Meter Gateway</source>
        <extracomment>pages that need a live gateway (hidden for an opened archive) pages that need data (a gateway or an archive)</extracomment>
        <translation>trudi_py – Ihr Smart-Meter-Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="56" />
        <source>Pages</source>
        <extracomment>remember successful connections in gateways.json (off for the demo)</extracomment>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="79" />
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="80" />
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="81" />
        <source>Contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="82" />
        <source>Current values</source>
        <translation>Aktuelle Werte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="83" />
        <source>Readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="84" />
        <source>Logbook</source>
        <translation>Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="85" />
        <source>Self-test</source>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="86" />
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="87" />
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="122" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="123" />
        <source>&amp;Open archive…</source>
        <translation>Archiv ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="127" />
        <source>&amp;Disconnect</source>
        <translation>Verbindung &amp;trennen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="131" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="135" />
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="136" />
        <source>&amp;Settings and trusted gateways…</source>
        <translation>&amp;Einstellungen und vertraute Gateways…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="140" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="141" />
        <source>&amp;About trudi_py</source>
        <translation>&amp;Über trudi_py</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="146" />
        <source>About trudi_py</source>
        <translation>Über trudi_py</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="147" />
        <source>&lt;b&gt;trudi_py {0}&lt;/b&gt;&lt;br&gt;Read, check and archive your own meter data from a Smart Meter Gateway (CONEXA 3.0) over the HAN port.&lt;br&gt;Passwords are never stored; the gateway's certificate is pinned by its fingerprint.</source>
        <translation>&lt;b&gt;trudi_py {0}&lt;/b&gt;&lt;br&gt;Eigene Messwerte aus einem Smart-Meter-Gateway (CONEXA 3.0) über die HAN-Schnittstelle lesen, prüfen und archivieren.&lt;br&gt;Passwörter werden nie gespeichert; das Zertifikat des Gateways wird über seinen Fingerabdruck fest hinterlegt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="202" />
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="203" />
        <source>Connecting to {0}…</source>
        <translation>Verbindung zu {0} wird aufgebaut…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="204" />
        <source>Connected to {0} (certificate pinned)</source>
        <translation>Verbunden mit {0} (Zertifikat geprüft)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="205" />
        <source>Archive opened (offline): {0}</source>
        <translation>Archiv geöffnet (offline): {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="235" />
        <source>Not connected: the certificate was not trusted.</source>
        <translation>Nicht verbunden: Dem Zertifikat wurde nicht vertraut.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="253" />
        <location filename="../../trudi_py/gui/main_window.py" line="256" />
        <location filename="../../trudi_py/gui/main_window.py" line="264" />
        <source>Open archive</source>
        <translation>Archiv öffnen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="254" />
        <source>Opening archives is not available yet in this version.</source>
        <translation>Archive öffnen ist in dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="257" />
        <source>trudi_py archives (*.zip);;All files (*)</source>
        <translation>trudi_py-Archive (*.zip);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="93" />
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="94" />
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="96" />
        <location filename="../../trudi_py/gui/pages/overview.py" line="153" />
        <source>&amp;Disconnect</source>
        <translation>Verbindung &amp;trennen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="106" />
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="115" />
        <source>Gateway ID:</source>
        <translation>Gateway-Kennung:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="116" />
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="117" />
        <source>Firmware hash (SHA-256):</source>
        <translation>Firmware-Hash (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="118" />
        <source>Gateway time:</source>
        <translation>Gateway-Zeit:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="119" />
        <source>Difference to this PC:</source>
        <translation>Abweichung zu diesem PC:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="120" />
        <source>State word:</source>
        <translation>Statuswort:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="123" />
        <source>Operating states and what to do</source>
        <translation>Betriebszustände und was zu tun ist</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="136" />
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="142" />
        <source>HAN (TLS):</source>
        <translation>HAN (TLS):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="143" />
        <source>WAN (signing):</source>
        <translation>WAN (Signatur):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="154" />
        <source>&amp;Close archive</source>
        <translation>Archiv &amp;schließen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="187" />
        <source>(interface {0})</source>
        <translation>(Schnittstelle {0})</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="190" />
        <source>(Berlin time)</source>
        <translation>(Berliner Zeit)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="194" />
        <source>not applicable (archive)</source>
        <translation>entfällt (Archiv)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="196" />
        <source>{0} — fine</source>
        <translation>{0} – in Ordnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="200" />
        <source>the clocks differ. Check this PC's clock first; if it is right, the gateway's time is off (inform your meter operator).</source>
        <translation>die Uhren weichen voneinander ab. Prüfen Sie zuerst die Uhr dieses PCs; stimmt sie, geht das Gateway falsch (informieren Sie Ihren Messstellenbetreiber).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="203" />
        <source>no flags set</source>
        <translation>keine Meldungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="211" />
        <source>Archive opened: {0}. These are the gateway's data as they were when the archive was made.</source>
        <translation>Archiv geöffnet: {0}. Das sind die Daten des Gateways zum Zeitpunkt der Archivierung.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="215" />
        <source>The gateway reports a problem: {0}. Inform your meter operator.</source>
        <translation>Das Gateway meldet ein Problem: {0}. Informieren Sie Ihren Messstellenbetreiber.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="219" />
        <source>Normal operation: the gateway answers and reports no error.</source>
        <translation>Normalbetrieb: Das Gateway antwortet und meldet keinen Fehler.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="228" />
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="232" />
        <source>matches your pin</source>
        <translation>stimmt mit Ihrem hinterlegten Fingerabdruck überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="233" />
        <source>differs from the pinned TLS certificate</source>
        <translation>weicht vom hinterlegten TLS-Zertifikat ab</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="235" />
        <source>valid {0} to {1}</source>
        <translation>gültig {0} bis {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="245" />
        <source>Index {0} (seal)</source>
        <translation>Index {0} (Gütesiegel)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="245" />
        <source>Index {0}</source>
        <translation>Index {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="248" />
        <source>not readable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="250" />
        <source>{0}, valid to {1}</source>
        <translation>{0}, gültig bis {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="253" />
        <source>none reported</source>
        <translation>keine gemeldet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="1" />
        <source>serial {0}, {1}</source>
        <translation>Seriennummer {0}, {1}</translation>
    </message>
</context>
<context>
    <name>Phases</name>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="31" />
        <source>connecting</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="32" />
        <source>gateway information</source>
        <translation>Gateway-Informationen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="33" />
        <source>contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="34" />
        <source>contract details</source>
        <translation>Vertragsdetails</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="35" />
        <source>readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="36" />
        <source>logbook</source>
        <translation>Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="37" />
        <source>writing the archive</source>
        <translation>Archiv wird geschrieben</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="38" />
        <source>finishing</source>
        <translation>Abschluss</translation>
    </message>
</context>
<context>
    <name>PinMismatchDialog</name>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="82" />
        <source>Connection stopped: certificate changed</source>
        <translation>Verbindung gestoppt: Zertifikat geändert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="91" />
        <source>&lt;h3 style='color:#b00020'&gt;The gateway at {0} presented a different certificate&lt;/h3&gt;The connection was refused before any data was sent. This can mean that someone is between your PC and the gateway — or that the meter operator has replaced the certificate.</source>
        <translation>&lt;h3 style='color:#b00020'&gt;Das Gateway unter {0} hat ein anderes Zertifikat vorgelegt&lt;/h3&gt;Die Verbindung wurde abgelehnt, bevor Daten gesendet wurden. Das kann bedeuten, dass sich jemand zwischen Ihren PC und das Gateway geschaltet hat – oder dass der Messstellenbetreiber das Zertifikat ersetzt hat.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="98" />
        <source>Trusted (pinned) fingerprint:</source>
        <translation>Vertrauter (hinterlegter) Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="100" />
        <source>Fingerprint presented now:</source>
        <translation>Jetzt vorgelegter Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="106" />
        <source>Ask your meter operator whether the certificate was replaced, and for the new fingerprint. Only then remove the old pin deliberately under Settings → Trusted gateways, and connect again.</source>
        <translation>Fragen Sie Ihren Messstellenbetreiber, ob das Zertifikat ersetzt wurde, und nach dem neuen Fingerabdruck. Erst dann entfernen Sie den alten Eintrag bewusst unter Einstellungen → Vertraute Gateways und verbinden sich erneut.</translation>
    </message>
</context>
<context>
    <name>ReadingsModel</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="162" />
        <source>Time (Berlin)</source>
        <translation>Zeit (Berlin)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="162" />
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="162" />
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="163" />
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="163" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="163" />
        <source>Raw value</source>
        <translation>Rohwert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="164" />
        <source>Captured (Berlin)</source>
        <translation>Erfasst (Berlin)</translation>
    </message>
</context>
<context>
    <name>ReadingsPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="106" />
        <source>Readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="119" />
        <source>&amp;Contract:</source>
        <translation>&amp;Vertrag:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="119" />
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="119" />
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="120" />
        <source>&amp;From:</source>
        <translation>V&amp;on:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="120" />
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="130" />
        <source>&amp;Load</source>
        <translation>&amp;Laden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="133" />
        <source>Ca&amp;ncel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="143" />
        <source>Only &amp;notable values</source>
        <translation>Nur a&amp;uffällige Werte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="145" />
        <source>Export C&amp;SV…</source>
        <translation>&amp;CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="147" />
        <source>Export &amp;PNG…</source>
        <translation>&amp;PNG exportieren…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="232" />
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="233" />
        <source>Last week</source>
        <translation>Letzte Woche</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="234" />
        <source>Last month (30 days)</source>
        <translation>Letzter Monat (30 Tage)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="235" />
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="236" />
        <source>Whole contract</source>
        <translation>Gesamte Vertragslaufzeit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="240" />
        <source>Billing period {0} – {1}</source>
        <translation>Abrechnungszeitraum {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="247" />
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="277" />
        <source>The end of the range must be after its start.</source>
        <translation>Das Ende des Zeitraums muss nach seinem Beginn liegen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="283" />
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="298" />
        <source>Preparing table and charts…</source>
        <translation>Tabelle und Diagramme werden vorbereitet…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="302" />
        <source>Request {0} of {1}</source>
        <translation>Anfrage {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="304" />
        <source>about {0} left</source>
        <translation>noch etwa {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="320" />
        <source>{0} values in {1} channels, {2} notable</source>
        <translation>{0} Werte in {1} Kanälen, davon {2} auffällig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="325" />
        <source>The gateway has no values in this range.</source>
        <translation>Das Gateway hat in diesem Zeitraum keine Werte.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="331" />
        <source>Loading cancelled.</source>
        <translation>Laden abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="351" />
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="353" />
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="368" />
        <source>{0} values written to {1}.</source>
        <translation>{0} Werte in {1} geschrieben.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="372" />
        <source>Export chart as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="374" />
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="382" />
        <source>Chart saved to {0}.</source>
        <translation>Diagramm gespeichert: {0}.</translation>
    </message>
</context>
<context>
    <name>SelfTestPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="33" />
        <source>Self-test</source>
        <extracomment>first look into the logbook this long after the start, then every poll_interval_ms</extracomment>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="35" />
        <source>The gateway tests itself at every start and then every 24 hours (firmware v3.87; older firmware every 4 hours). You can start an additional self-test here. Afterwards the self-test is locked for 10 minutes; the result is written to the logbook and shown below.</source>
        <translation>Das Gateway prüft sich bei jedem Start und danach alle 24 Stunden selbst (Firmware v3.87; ältere Firmware alle 4 Stunden). Hier können Sie zusätzlich einen Selbsttest starten. Danach ist der Selbsttest 10 Minuten gesperrt; das Ergebnis steht im Logbuch und wird unten angezeigt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="41" />
        <source>&amp;Start self-test</source>
        <translation>Selbsttest &amp;starten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="85" />
        <source>Starting the self-test…</source>
        <translation>Selbsttest wird gestartet…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="95" />
        <source>Self-test started at {0}. Waiting for the result in the logbook…</source>
        <translation>Selbsttest um {0} gestartet. Warte auf das Ergebnis im Logbuch…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="107" />
        <source>A self-test is running or was started less than 10 minutes ago. The gateway allows the next one when the countdown ends.</source>
        <translation>Ein Selbsttest läuft oder wurde vor weniger als 10 Minuten gestartet. Das Gateway erlaubt den nächsten, wenn der Countdown abgelaufen ist.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="131" />
        <source>A new self-test can be started.</source>
        <translation>Ein neuer Selbsttest kann gestartet werden.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="135" />
        <source>Next self-test possible in {0}</source>
        <translation>Nächster Selbsttest möglich in {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="137" />
        <source>Next self-test possible in at most {0}</source>
        <translation>Nächster Selbsttest möglich in höchstens {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="155" />
        <source>No self-test result in the logbook yet. Look into the logbook later.</source>
        <translation>Noch kein Selbsttest-Ergebnis im Logbuch. Sehen Sie später im Logbuch nach.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="162" />
        <source>Self-test failed</source>
        <translation>Selbsttest fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="162" />
        <source>Self-test passed</source>
        <translation>Selbsttest bestanden</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="21" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="26" />
        <source>Automatic (system language)</source>
        <translation>Automatisch (Systemsprache)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="31" />
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="37" />
        <source>Trusted gateways (pinned certificates)</source>
        <translation>Vertraute Gateways (hinterlegte Zertifikate)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="40" />
        <source>A gateway is trusted by the fingerprint of its certificate. Forget a pin only if your meter operator has told you that the certificate was replaced; the next connection then asks you to compare the new fingerprint.</source>
        <translation>Einem Gateway wird über den Fingerabdruck seines Zertifikats vertraut. Entfernen Sie einen Eintrag nur, wenn Ihr Messstellenbetreiber Ihnen mitgeteilt hat, dass das Zertifikat ersetzt wurde; bei der nächsten Verbindung vergleichen Sie dann den neuen Fingerabdruck.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="46" />
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="46" />
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="47" />
        <source>Trusted since</source>
        <translation>Vertraut seit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="47" />
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="56" />
        <source>&amp;Forget selected pin…</source>
        <translation>Ausgewählten Eintrag &amp;entfernen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="63" />
        <source>Clear &amp;recently used gateways</source>
        <translation>&amp;Zuletzt verwendete Gateways löschen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="97" />
        <source>Forget pin</source>
        <translation>Eintrag entfernen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="98" />
        <source>Really forget the trusted certificate of {0}? Do this only if your meter operator confirmed a new certificate.</source>
        <translation>Das vertraute Zertifikat von {0} wirklich entfernen? Tun Sie das nur, wenn Ihr Messstellenbetreiber ein neues Zertifikat bestätigt hat.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="116" />
        <source>The language changes when trudi_py is started again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von trudi_py.</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="45" />
        <source>Inform your meter operator (Messstellenbetreiber); the gateway cannot be repaired by you.</source>
        <translation>Informieren Sie Ihren Messstellenbetreiber; Sie selbst können das Gateway nicht reparieren.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="49" />
        <source>Normal operation</source>
        <translation>Normalbetrieb</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="50" />
        <source>All functions available: values, logbook, self-test.</source>
        <translation>Alle Funktionen verfügbar: Messwerte, Logbuch, Selbsttest.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="51" />
        <source>Nothing to do.</source>
        <translation>Nichts zu tun.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="52" />
        <source>Secure State Boot</source>
        <translation>Secure State Boot</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="53" />
        <source>Software corrupt, log storage full, bad update or unexpected version: the gateway offers no function at all (no connection possible).</source>
        <translation>Software beschädigt, Logspeicher voll, fehlerhaftes Update oder unerwartete Version: Das Gateway bietet keine Funktion (keine Verbindung möglich).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="57" />
        <source>Secure State Application</source>
        <translation>Secure State Application</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="58" />
        <source>Reading storage full or clock drift over 3 % of the smallest registration period (older firmware also: no time synchronisation for 36 h): only administrative functions work, you get no values.</source>
        <translation>Messwertspeicher voll oder Uhrabweichung über 3 % der kleinsten Registrierperiode (ältere Firmware auch: seit 36 h keine Zeitsynchronisation): Nur Verwaltungsfunktionen arbeiten, Sie erhalten keine Werte.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="62" />
        <source>Secure State Connectivity</source>
        <translation>Secure State Connectivity</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="63" />
        <source>WAN and HAN are not separated: the HAN port is switched off (no connection possible).</source>
        <translation>WAN und HAN sind nicht getrennt: Die HAN-Schnittstelle ist abgeschaltet (keine Verbindung möglich).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="65" />
        <source>Check that the HAN port is never connected to the internet or your home router.</source>
        <translation>Die HAN-Schnittstelle darf nie mit dem Internet oder Ihrem Router verbunden sein.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="67" />
        <source>Cyclic reboot</source>
        <translation>Zyklischer Neustart</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="68" />
        <source>The gateway restarts again and again; connections break off.</source>
        <translation>Das Gateway startet immer wieder neu; Verbindungen brechen ab.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="1" />
        <source>Secure State Measurement</source>
        <translation>Secure State Measurement (Messung gesichert)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="1" />
        <source>The gateway assumes its clock is invalid (firmware v3.87): readings recorded meanwhile are marked; the state ends when the clock is valid again.</source>
        <translation>Das Gateway hält seine Uhr für ungültig (Firmware v3.87): Messwerte aus dieser Zeit werden markiert; der Zustand endet, sobald die Uhr wieder gültig ist.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="28" />
        <source>gateway: fatal error</source>
        <extracomment>Flags that are normal while a PV system feeds in: shown, but not highlighted.</extracomment>
        <translation>Gateway: schwerer Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="29" />
        <source>gateway: time invalid</source>
        <translation>Gateway: Zeit ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="30" />
        <source>gateway: warning</source>
        <translation>Gateway: Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="31" />
        <source>gateway: temporary error (signed, invalid)</source>
        <translation>Gateway: vorübergehender Fehler (signiert, ungültig)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="33" />
        <source>gateway: temporary error (invalid)</source>
        <translation>Gateway: vorübergehender Fehler (ungültig)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="35" />
        <source>meter: magnetic influence</source>
        <translation>Zähler: Magnetfeld</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="36" />
        <source>meter: manipulation detected</source>
        <translation>Zähler: Manipulation erkannt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="37" />
        <source>meter: energy direction negative</source>
        <translation>Zähler: Energierichtung negativ</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="39" />
        <source>L1 feeding in</source>
        <translation>L1 speist ein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="40" />
        <source>L2 feeding in</source>
        <translation>L2 speist ein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="41" />
        <source>L3 feeding in</source>
        <translation>L3 speist ein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="42" />
        <source>meter: phase sequence wrong</source>
        <translation>Zähler: Drehfeld falsch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="43" />
        <source>meter: backstop active</source>
        <translation>Zähler: Rücklaufsperre aktiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="44" />
        <source>meter: fatal error</source>
        <translation>Zähler: schwerer Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="50" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="50" />
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="51" />
        <source>temporary error</source>
        <translation>vorübergehender Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="52" />
        <source>critical (not billable)</source>
        <translation>kritisch (nicht abrechenbar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="53" />
        <source>fatal (not billable)</source>
        <translation>schwerwiegend (nicht abrechenbar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="68" />
        <source>unreadable status</source>
        <translation>Status unlesbar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="194" />
        <source>Status word {0}</source>
        <translation>Statuswort {0}</translation>
    </message>
</context>
<context>
    <name>Taf</name>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="20" />
        <source>billing-relevant data, fixed tariff</source>
        <translation>abrechnungsrelevante Daten, fester Tarif</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="21" />
        <source>time-variable tariff</source>
        <translation>zeitvariabler Tarif</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="22" />
        <source>readings on demand</source>
        <translation>Abruf auf Anforderung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="23" />
        <source>load profile (15-minute values)</source>
        <translation>Lastgang (15-Minuten-Werte)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="24" />
        <source>current value (no history)</source>
        <translation>aktueller Wert (keine Historie)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="25" />
        <source>current values for the consumer (no history)</source>
        <translation>aktuelle Werte für den Letztverbraucher (keine Historie)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="26" />
        <source>high-frequency values (not stored)</source>
        <translation>hochfrequente Werte (nicht gespeichert)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="32" />
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="33" />
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="34" />
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="33" />
        <source>Check the gateway certificate</source>
        <translation>Gateway-Zertifikat prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="37" />
        <source>&lt;b&gt;First connection to {0}.&lt;/b&gt;&lt;br&gt;The gateway identifies itself with a certificate. Compare its fingerprint below, group by group, with the one your meter operator gave you (letter, portal or the gateway's documentation). Only trust it if all groups match.</source>
        <translation>&lt;b&gt;Erste Verbindung zu {0}.&lt;/b&gt;&lt;br&gt;Das Gateway weist sich mit einem Zertifikat aus. Vergleichen Sie den Fingerabdruck unten Gruppe für Gruppe mit dem, den Ihnen Ihr Messstellenbetreiber gegeben hat (Brief, Portal oder Unterlagen zum Gateway). Vertrauen Sie ihm nur, wenn alle Gruppen übereinstimmen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="43" />
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="49" />
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="49" />
        <source>(not readable)</source>
        <translation>(nicht lesbar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="51" />
        <source>{0} to {1}</source>
        <translation>{0} bis {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="55" />
        <source>expired (usual for gateways; the pin still protects you)</source>
        <translation>abgelaufen (bei Gateways üblich; der Fingerabdruck schützt Sie trotzdem)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="57" />
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="59" />
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="60" />
        <source>self-signed (normal for a gateway's HAN certificate)</source>
        <translation>selbst signiert (normal für das HAN-Zertifikat eines Gateways)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="62" />
        <source>I have compared the fingerprint and all groups match</source>
        <translation>Ich habe den Fingerabdruck verglichen, alle Gruppen stimmen überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="65" />
        <source>&amp;Trust and connect</source>
        <translation>&amp;Vertrauen und verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="1" />
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="92" />
        <source>open</source>
        <translation>offen</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="126" />
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="159" />
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="159" />
        <source>Billing period</source>
        <translation>Abrechnungszeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="159" />
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="160" />
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="178" />
        <source>Transparency function (AR 2418-6 files)</source>
        <translation>Transparenzfunktion (AR-2418-6-Dateien)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="181" />
        <source>&amp;Device file (readings):</source>
        <translation>&amp;Gerätedatei (Messwerte):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="183" />
        <source>&amp;Supplier file (tariff):</source>
        <translation>&amp;Lieferantendatei (Tarif):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="187" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="193" />
        <source>&amp;Compute billing registers</source>
        <translation>Abrechnungsregister &amp;berechnen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="217" />
        <source>Not available yet in this version.</source>
        <translation>In dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="127" />
        <source>Check your billing data</source>
        <translation>Abrechnungsdaten prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="130" />
        <source>Recomputes the billing registers of every closed billing period from your 15-minute values and the signed tariff profile and compares them with the gateway's registers; for an archive also its integrity (hashes, completeness). Reads all values of every contract: this can take a few minutes.</source>
        <translation>Berechnet die Abrechnungsregister jedes abgeschlossenen Abrechnungszeitraums aus Ihren 15-Minuten-Werten und dem signierten Tarifprofil neu und vergleicht sie mit den Registern des Gateways; bei einem Archiv auch seine Unversehrtheit (Prüfsummen, Vollständigkeit). Liest alle Werte jedes Vertrags: Das kann einige Minuten dauern.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="136" />
        <source>&amp;Check now</source>
        <translation>&amp;Jetzt prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="138" />
        <source>Check an &amp;archive file…</source>
        <translation>&amp;Archivdatei prüfen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="140" />
        <source>Ca&amp;ncel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="160" />
        <source>Registers raw (computed / gateway)</source>
        <translation>Register roh (berechnet / Gateway)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="219" />
        <source>Checks the opened archive {0}.</source>
        <translation>Prüft das geöffnete Archiv {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="222" />
        <source>Checks the data of the connected gateway.</source>
        <translation>Prüft die Daten des verbundenen Gateways.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="224" />
        <source>Connect to a gateway or open an archive.</source>
        <translation>Verbinden Sie sich mit einem Gateway oder öffnen Sie ein Archiv.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="234" />
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="242" />
        <source>Check archive</source>
        <translation>Archiv prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="243" />
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP-Archive (*.zip)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="258" />
        <source>Checking {0}…</source>
        <translation>{0} wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="327" />
        <source>{0} billing periods checked: {1} match, {2} differ or cannot be computed.</source>
        <translation>{0} Abrechnungszeiträume geprüft: {1} stimmen überein, {2} weichen ab oder sind nicht berechenbar.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="330" />
        <source>The archive is incomplete.</source>
        <translation>Das Archiv ist unvollständig.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="337" />
        <source>✔ matches</source>
        <translation>✔ stimmt überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="337" />
        <source>✘ differs</source>
        <translation>✘ weicht ab</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="338" />
        <source>open (period not over)</source>
        <translation>offen (Zeitraum läuft noch)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="339" />
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="340" />
        <source>cannot be computed</source>
        <translation>nicht berechenbar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="349" />
        <source>Choose file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="350" />
        <source>XML files (*.xml);;All files (*)</source>
        <translation>XML-Dateien (*.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="375" />
        <source>Cannot read the file: {0}</source>
        <translation>Die Datei kann nicht gelesen werden: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="1" />
        <source>{0} checked and right, {1} checked and wrong, {2} not checkable.</source>
        <translation>{0} geprüft und richtig, {1} geprüft und falsch, {2} nicht prüfbar.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="1" />
        <source>not checkable</source>
        <translation>nicht prüfbar</translation>
    </message>
</context>
</TS>