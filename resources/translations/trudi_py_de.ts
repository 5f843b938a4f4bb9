<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>ArchivePage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="58"/>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="59"/>
        <source>Archive everything</source>
        <translation>Alles archivieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="62"/>
        <source>Before your gateway is taken out of service you must fetch and keep all your readings and the logbook. &quot;Archive everything&quot; writes them into one ZIP file — the gateway&apos;s answers byte for byte, plus CSV tables and a summary — that can be checked years later without the gateway. An interrupted archive can be continued.</source>
        <translation>Bevor Ihr Gateway außer Betrieb genommen wird, müssen Sie alle Ihre Messwerte und das Logbuch abholen und aufbewahren. „Alles archivieren“ schreibt sie in eine ZIP-Datei – die Antworten des Gateways Byte für Byte, dazu CSV-Tabellen und eine Zusammenfassung –, die auch Jahre später ohne Gateway geprüft werden kann. Ein unterbrochenes Archiv kann fortgesetzt werden.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="70"/>
        <source>&amp;Archive everything…</source>
        <translation>Alles &amp;archivieren…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="72"/>
        <source>Ca&amp;ncel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="75"/>
        <source>&amp;Continue an interrupted archive</source>
        <translation>Unterbrochenes Archiv &amp;fortsetzen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="76"/>
        <source>C&amp;ontinue the archive</source>
        <translation>Archiv f&amp;ortsetzen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="77"/>
        <source>Fetch only what is still missing and finish the interrupted archive file</source>
        <translation>Nur das noch Fehlende abholen und die unterbrochene Archivdatei fertigstellen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="100"/>
        <source>Open an archive</source>
        <translation>Archiv öffnen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="103"/>
        <source>Look at an archive without a gateway: its readings, logbook and verification appear in the same pages as a live connection.</source>
        <translation>Ein Archiv ohne Gateway ansehen: Messwerte, Logbuch und Prüfung erscheinen auf denselben Seiten wie bei einer Verbindung.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="108"/>
        <source>&amp;Open archive…</source>
        <translation>Archiv ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="137"/>
        <source>Connect to your gateway first.</source>
        <extracomment>seconds spent on each archive file in this session (all runs, also cancelled ones)</extracomment>
        <translation>Verbinden Sie sich zuerst mit Ihrem Gateway.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="151"/>
        <source>Save archive as</source>
        <translation>Archiv speichern unter</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="153"/>
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP-Archive (*.zip)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="160"/>
        <source>Continue archive</source>
        <translation>Archiv fortsetzen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="161"/>
        <source>An incomplete archive {0} exists. Continue it?</source>
        <translation>Es gibt ein unvollständiges Archiv {0}. Fortsetzen?</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="173"/>
        <location filename="../../trudi_py/gui/pages/archive.py" line="175"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="202"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="203"/>
        <source>Cancelling after the current request…</source>
        <translation>Abbruch nach der laufenden Anfrage…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="216"/>
        <source>Request {0} of {1}</source>
        <translation>Anfrage {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="219"/>
        <source>{0} left</source>
        <translation>noch {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="223"/>
        <source>{0} received</source>
        <translation>{0} empfangen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="246"/>
        <source>Archive written: {0} ({1})</source>
        <translation>Archiv geschrieben: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="247"/>
        <source>{0} readings, {1} logbook entries, {2} requests.</source>
        <translation>{0} Messwerte, {1} Logbucheinträge, {2} Anfragen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="253"/>
        <source>Time of this run: {0} (the interrupted run before it was not in this window, its time is not known).</source>
        <translation>Dauer dieses Durchgangs: {0} (der unterbrochene Durchgang davor lief nicht in diesem Fenster, seine Dauer ist nicht bekannt).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="257"/>
        <source>Time for the whole archive: {0} in {1} runs.</source>
        <translation>Dauer für das ganze Archiv: {0} in {1} Durchgängen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="260"/>
        <source>Time: {0}.</source>
        <translation>Dauer: {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="284"/>
        <source>Archiving was cancelled. What was fetched is kept; &quot;Continue the archive&quot; fetches only what is still missing.</source>
        <translation>Die Archivierung wurde abgebrochen. Bereits Abgeholtes bleibt erhalten; „Archiv fortsetzen“ holt nur noch das Fehlende ab.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="264"/>
        <source>The archive is complete.</source>
        <translation>Das Archiv ist vollständig.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="268"/>
        <source>The archive is NOT complete: {0} parts are missing. Run it again with &quot;Continue an interrupted archive&quot;.</source>
        <translation>Das Archiv ist NICHT vollständig: {0} Teile fehlen. Starten Sie es erneut mit „Unterbrochenes Archiv fortsetzen“.</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="98"/>
        <source>Tariff zones</source>
        <translation>Tarifzonen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="69"/>
        <source>No consumption in this range</source>
        <translation>Kein Verbrauch in diesem Zeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="78"/>
        <source>Consumption per tariff zone</source>
        <translation>Verbrauch je Tarifzone</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="79"/>
        <source>zones of the signed tariff profile</source>
        <translation>Zonen aus dem signierten Tarifprofil</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="80"/>
        <source>HT Mon–Fri 06–22, NT otherwise (no tariff profile)</source>
        <translation>HT Mo–Fr 06–22 Uhr, sonst NT (kein Tarifprofil)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="97"/>
        <source>Load profile</source>
        <translation>Lastgang</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="97"/>
        <source>Daily energy</source>
        <translation>Tageswerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="97"/>
        <source>Monthly energy</source>
        <translation>Monatswerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="141"/>
        <source>No values loaded yet: choose a contract and a period, then »Load«.</source>
        <translation>Noch keine Werte geladen: Vertrag und Zeitraum wählen, dann auf »Laden« klicken.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="68"/>
        <source>No energy values in this range</source>
        <translation>Keine Energiewerte in diesem Zeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="66"/>
        <source>Nothing loaded yet: choose contract and range above, then &quot;Load&quot;.</source>
        <translation>Noch nichts geladen: oben Vertrag und Zeitraum wählen, dann „Laden“.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="70"/>
        <source>Average power per 15 minutes</source>
        <translation>Mittlere Leistung je 15 Minuten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="71"/>
        <source>Average power per hour</source>
        <translation>Mittlere Leistung je Stunde</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="72"/>
        <source>Average power per day</source>
        <translation>Mittlere Leistung je Tag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="73"/>
        <source>W  (consumption + / feed-in −)</source>
        <translation>W  (Bezug + / Einspeisung −)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="74"/>
        <source>Energy per day</source>
        <translation>Energie je Tag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="75"/>
        <source>kWh  (consumption + / feed-in −)</source>
        <translation>kWh  (Bezug + / Einspeisung −)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="76"/>
        <source>partial</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="77"/>
        <source>Energy per month</source>
        <translation>Energie je Monat</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/charts.py" line="128"/>
        <source>Drawing…</source>
        <translation>Wird gezeichnet…</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="63"/>
        <source>Consumption {0}</source>
        <translation>Bezug {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="64"/>
        <source>Feed-in {0}</source>
        <translation>Einspeisung {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/chart_draw.py" line="65"/>
        <source>Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec</source>
        <translation>Jan Feb Mär Apr Mai Jun Jul Aug Sep Okt Nov Dez</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="53"/>
        <source>Connect to the gateway</source>
        <translation>Mit dem Gateway verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="55"/>
        <source>Connect this PC with a network cable to the HAN port of your Smart Meter Gateway. Address and login data come from your meter operator.</source>
        <translation>Verbinden Sie diesen PC per Netzwerkkabel mit der HAN-Schnittstelle Ihres Smart-Meter-Gateways. Adresse und Zugangsdaten erhalten Sie von Ihrem Messstellenbetreiber.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="61"/>
        <source>Recently used gateways</source>
        <translation>Zuletzt verwendete Gateways</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="66"/>
        <source>&amp;Recently used:</source>
        <translation>Zuletzt &amp;verwendet:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="76"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="78"/>
        <source>&amp;Address (IP or host name):</source>
        <translation>A&amp;dresse (IP oder Hostname):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="82"/>
        <source>Login</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="84"/>
        <source>With &amp;certificate file (.p12)</source>
        <translation>Mit &amp;Zertifikatsdatei (.p12)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="85"/>
        <source>With &amp;user name and password</source>
        <translation>Mit &amp;Benutzername und Passwort</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="101"/>
        <source>e.g. consumer.p12</source>
        <translation>z. B. verbraucher.p12</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="102"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="107"/>
        <source>Certificate &amp;file:</source>
        <translation>Zertifikats&amp;datei:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="111"/>
        <source>Certificate pass&amp;word:</source>
        <translation>Zertifikats-Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="115"/>
        <source>User &amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="116"/>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="119"/>
        <source>A second user for the other direction (some PPC gateways: one user for consumption, one for feed-in)</source>
        <translation>Ein zweiter Benutzer für die andere Richtung (manche PPC-Gateways: ein Benutzer für Bezug, einer für Einspeisung)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="127"/>
        <source>Second user n&amp;ame:</source>
        <translation>Zweiter Benutzern&amp;ame:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="128"/>
        <source>Second pa&amp;ssword:</source>
        <translation>Zweites Pa&amp;sswort:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="141"/>
        <source>&amp;Advanced settings</source>
        <translation>&amp;Erweiterte Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="149"/>
        <source>Comma-separated TLS key exchange groups. The CONEXA uses secp384r1; other gateways may need Brainpool curves (e.g. brainpoolP384r1).</source>
        <translation>TLS-Schlüsselaustauschgruppen, durch Kommas getrennt. Das CONEXA verwendet secp384r1; andere Gateways brauchen eventuell Brainpool-Kurven (z. B. brainpoolP384r1).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="152"/>
        <source>TLS &amp;groups:</source>
        <translation>TLS-&amp;Gruppen:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="157"/>
        <source>&amp;Timeout per request:</source>
        <translation>&amp;Zeitlimit je Anfrage:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="160"/>
        <source>Recognise automatically</source>
        <translation>Automatisch erkennen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="161"/>
        <source>Theben CONEXA</source>
        <translation>Theben CONEXA</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="162"/>
        <source>PPC</source>
        <translation>PPC</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="163"/>
        <source>Usually recognised from the gateway&apos;s certificate. Choose the maker only if trudi_py asks for it.</source>
        <translation>Wird normalerweise am Zertifikat des Gateways erkannt. Wählen Sie den Hersteller nur, wenn trudi_py danach fragt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="165"/>
        <source>Gateway &amp;maker:</source>
        <translation>Hersteller des &amp;Gateways:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="171"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="175"/>
        <source>Open a&amp;rchive…</source>
        <translation>A&amp;rchiv öffnen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="176"/>
        <source>Look at a saved archive without a gateway</source>
        <translation>Ein gespeichertes Archiv ohne Gateway ansehen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="272"/>
        <source>Choose the certificate file</source>
        <translation>Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="273"/>
        <source>Certificate files (*.p12 *.pfx);;All files (*)</source>
        <translation>Zertifikatsdateien (*.p12 *.pfx);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="379"/>
        <source>trudi_py could not recognise which kind of gateway answers at this address. Choose the gateway&apos;s maker under &quot;Advanced settings&quot; (it is printed on the gateway) and connect again.</source>
        <translation>trudi_py konnte nicht erkennen, welches Gateway unter dieser Adresse antwortet. Wählen Sie unter „Erweiterte Einstellungen“ den Hersteller des Gateways (er steht auf dem Gerät) und verbinden Sie erneut.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="408"/>
        <source>Connecting…</source>
        <translation>Verbindung wird aufgebaut…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_advice.py" line="15"/>
        <source>The address {0} could not be resolved. Enter the gateway&apos;s IP address, e.g. 192.200.1.100.</source>
        <translation>Die Adresse {0} konnte nicht aufgelöst werden. Geben Sie die IP-Adresse des Gateways ein, z. B. 192.200.1.100.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_advice.py" line="19"/>
        <source>Network check: this PC ({0}) is in the gateway&apos;s subnet. Check that the cable is plugged into the HAN port and that the gateway is running. If it keeps failing, the gateway may be in a secure state (see Overview) — inform your meter operator.</source>
        <translation>Netzwerkprüfung: Dieser PC ({0}) ist im Netz des Gateways. Prüfen Sie, ob das Kabel in der HAN-Schnittstelle steckt und das Gateway läuft. Scheitert die Verbindung weiter, ist das Gateway vielleicht in einem Sicherheitszustand (siehe Übersicht) – informieren Sie Ihren Messstellenbetreiber.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_advice.py" line="28"/>
        <source>This PC uses the gateway&apos;s own address {0}.</source>
        <translation>Dieser PC verwendet die Adresse des Gateways selbst ({0}).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_advice.py" line="32"/>
        <source>This PC has no address in the gateway&apos;s network.</source>
        <translation>Dieser PC hat keine Adresse im Netz des Gateways.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_advice.py" line="35"/>
        <source>This PC ({0}) is not in the gateway&apos;s network.</source>
        <translation>Dieser PC ({0}) ist nicht im Netz des Gateways.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_advice.py" line="38"/>
        <source>Set the network adapter the gateway is connected to &lt;b&gt;manually&lt;/b&gt; to:&lt;ul&gt;&lt;li&gt;IP address: &lt;b&gt;{0}&lt;/b&gt; (any free address {1}.x except {2})&lt;/li&gt;&lt;li&gt;Subnet mask: &lt;b&gt;{3}&lt;/b&gt;&lt;/li&gt;&lt;li&gt;Default gateway: &lt;b&gt;leave empty&lt;/b&gt;&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>Stellen Sie den Netzwerkadapter, an dem das Gateway hängt, &lt;b&gt;manuell&lt;/b&gt; ein:&lt;ul&gt;&lt;li&gt;IP-Adresse: &lt;b&gt;{0}&lt;/b&gt; (jede freie Adresse {1}.x außer {2})&lt;/li&gt;&lt;li&gt;Subnetzmaske: &lt;b&gt;{3}&lt;/b&gt;&lt;/li&gt;&lt;li&gt;Standardgateway: &lt;b&gt;leer lassen&lt;/b&gt;&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="117"/>
        <source>Save the password in the &amp;keyring</source>
        <translation>Passwort im Schlüsselbund &amp;speichern</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="316"/>
        <source>Store the password in the operating system&apos;s keyring for this gateway and user name; it is filled in when you choose the gateway again.</source>
        <translation>Das Passwort für dieses Gateway und diesen Benutzernamen im Schlüsselbund des Betriebssystems speichern; es wird eingetragen, wenn Sie das Gateway wieder auswählen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect.py" line="319"/>
        <source>No keyring is available on this computer (on Linux: a running Secret Service such as GNOME Keyring or KWallet, and the &apos;keyring&apos; package).</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar (unter Linux: ein laufender Secret Service wie GNOME Keyring oder KWallet und das Paket „keyring“).</translation>
    </message>
</context>
<context>
    <name>ContractsPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="75"/>
        <source>Contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="79"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="79"/>
        <source>Tariff use case</source>
        <translation>Tarifanwendungsfall</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="79"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="79"/>
        <source>Meters</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="80"/>
        <source>Metering point</source>
        <translation>Messlokation</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="80"/>
        <source>Delivery to</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="80"/>
        <source>Usage point id</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="82"/>
        <source>How your supplier bills you (TAF-1 fixed price, TAF-2 time-variable, TAF-7 load profile …); see Help and glossary</source>
        <translation>Wie Ihr Lieferant abrechnet (TAF-1 fester Preis, TAF-2 zeitvariabel, TAF-7 Lastgang …); siehe Hilfe und Glossar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="84"/>
        <source>The number of your metering point (Messlokation), as on your bill</source>
        <translation>Die Nummer Ihrer Messlokation, wie auf Ihrer Rechnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="85"/>
        <source>The market participant the gateway sends this contract&apos;s values to</source>
        <translation>Der Marktteilnehmer, an den das Gateway die Werte dieses Vertrags sendet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="86"/>
        <source>The gateway&apos;s internal name of the contract</source>
        <translation>Der interne Name des Vertrags im Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="96"/>
        <source>Billing periods</source>
        <translation>Abrechnungszeiträume</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="100"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="100"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="104"/>
        <source>Databases and channels</source>
        <translation>Datenbanken und Kanäle</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="155"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="159"/>
        <source>none (no values are kept)</source>
        <translation>keine (es werden keine Werte gespeichert)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="161"/>
        <source>none listed</source>
        <translation>keine angegeben</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="162"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="183"/>
        <source>The tariff profile as the gateway&apos;s portal shows it. The portal names no recipient, no transparency bit and no signed tariff profile here.</source>
        <translation>Das Tarifprofil, wie das Portal des Gateways es zeigt. Empfänger, Transparenzbit und ein signiertes Tarifprofil nennt das Portal hier nicht.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="188"/>
        <source>Data goes to: {0}</source>
        <translation>Daten gehen an: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="190"/>
        <source>Transparency bit: {0}</source>
        <translation>Transparenzbit: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="191"/>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="191"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="192"/>
        <source>Signed tariff profile: {0}</source>
        <translation>Signiertes Tarifprofil: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="193"/>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="193"/>
        <source>not supplied</source>
        <translation>nicht geliefert</translation>
    </message>
</context>
<context>
    <name>CurrentValuesPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="74"/>
        <source>Current values</source>
        <translation>Aktuelle Werte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="114"/>
        <source>The newest value of every channel. The gateway produces a new value every 15 minutes; this page refreshes itself at most every 15 minutes. Contracts TAF 9 and TAF 10 keep no history — only their current value is shown here.</source>
        <translation>Der neueste Wert jedes Kanals. Das Gateway bildet alle 15 Minuten einen neuen Wert; diese Seite aktualisiert sich höchstens alle 15 Minuten von selbst. Verträge mit TAF 9 und TAF 10 speichern keine Werte – von ihnen sehen Sie nur hier den aktuellen Wert.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="79"/>
        <source>&amp;Refresh now</source>
        <translation>&amp;Jetzt aktualisieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="89"/>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="89"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="90"/>
        <source>Time (Berlin)</source>
        <translation>Zeit (Berlin)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="90"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="91"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="110"/>
        <source>The newest value of every register. This gateway (PPC) is not asked by itself: frequent requests are reported to make its HAN port fail. &quot;Refresh now&quot; reads the values.</source>
        <translation>Der neueste Wert jedes Registers. Dieses Gateway (PPC) wird nicht von selbst abgefragt: Häufige Abfragen legen Berichten zufolge seine HAN-Schnittstelle lahm. „Jetzt aktualisieren“ liest die Werte.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="143"/>
        <source>Reading current values…</source>
        <translation>Aktuelle Werte werden gelesen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="151"/>
        <source>Updated {0}</source>
        <translation>Aktualisiert {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/current.py" line="163"/>
        <source>Raw value {0}, scaler {1}: {2} {3}</source>
        <translation>Rohwert {0}, Skalierung {1}: {2} {3}</translation>
    </message>
</context>
<context>
    <name>Databases</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="218"/>
        <source>Database &quot;{0}&quot; on the gateway</source>
        <translation>Datenbank „{0}“ im Gateway</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../trudi_py/gui/i18n.py" line="79"/>
        <source>Internal error (a bug in trudi_py, please report it): {0}</source>
        <translation>Interner Fehler (ein Fehler in trudi_py, bitte melden): {0}</translation>
    </message>
</context>
<context>
    <name>ExportBox</name>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="47"/>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="131"/>
        <source>Export a period</source>
        <translation>Zeitraum exportieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="59"/>
        <source>CSV (archive columns, UTC)</source>
        <translation>CSV (Spalten wie im Archiv, UTC)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="60"/>
        <source>Excel (semicolons, decimal comma, Berlin time)</source>
        <translation>Excel (Semikolon, Dezimalkomma, deutsche Zeit)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="61"/>
        <source>&amp;What:</source>
        <translation>&amp;Was:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="62"/>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="63"/>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="64"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="70"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="105"/>
        <source>Logbook</source>
        <translation>Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="133"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="143"/>
        <source>The end of the period must not be before its start.</source>
        <translation>Das Ende des Zeitraums darf nicht vor seinem Anfang liegen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history_export.py" line="154"/>
        <source>{0} rows written to {1}.</source>
        <translation>{0} Zeilen in {1} geschrieben.</translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="40"/>
        <source>transparency bit set</source>
        <extracomment>3 % of the smallest registration period (15 min): beyond this the gateway goes into Secure State Application (IF_GW_CON &quot;Device behaviour&quot;).</extracomment>
        <translation>Transparenzbit gesetzt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="41"/>
        <source>fatal error in the gateway</source>
        <translation>schwerer Fehler im Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="42"/>
        <source>system time invalid</source>
        <translation>Systemzeit ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="43"/>
        <source>PTB warning</source>
        <translation>PTB-Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="44"/>
        <source>temporary error: signed values invalid</source>
        <translation>vorübergehender Fehler: signierte Werte ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="46"/>
        <source>temporary error: values invalid</source>
        <translation>vorübergehender Fehler: Werte ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="47"/>
        <source>identification pattern missing (state word not as specified)</source>
        <translation>Kennung fehlt (Statuswort nicht normgerecht)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="49"/>
        <source>state word unreadable</source>
        <translation>Statuswort unlesbar</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="46"/>
        <source>{0} s</source>
        <translation>{0} s</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="48"/>
        <source>{0} min {1:02d} s</source>
        <translation>{0} min {1:02d} s</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="50"/>
        <source>{0} h {1:02d} min</source>
        <translation>{0} h {1:02d} min</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/widgets.py" line="51"/>
        <source>{0} d {1} h</source>
        <translation>{0} Tg. {1} h</translation>
    </message>
</context>
<context>
    <name>Glossary</name>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="14"/>
        <source>Smart Meter Gateway (SMGW)</source>
        <translation>Smart-Meter-Gateway (SMGW)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="15"/>
        <source>The communication unit next to your electricity meter. It collects the meter&apos;s values, signs them and sends them to your supplier and meter operator. You read your own values from it over the HAN port.</source>
        <translation>Die Kommunikationseinheit neben Ihrem Stromzähler. Sie sammelt die Werte des Zählers, signiert sie und sendet sie an Ihren Lieferanten und Messstellenbetreiber. Ihre eigenen Werte lesen Sie über die HAN-Schnittstelle aus.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="19"/>
        <source>HAN port</source>
        <translation>HAN-Schnittstelle</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="20"/>
        <source>The network socket of the gateway meant for you (Home Area Network). Connect this PC to it with a network cable; never connect it to your router or the internet.</source>
        <translation>Die für Sie bestimmte Netzwerkbuchse des Gateways (Home Area Network). Verbinden Sie diesen PC per Netzwerkkabel damit; verbinden Sie sie nie mit Ihrem Router oder dem Internet.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="24"/>
        <source>Pinning</source>
        <translation>Pinning (Zertifikat merken)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="25"/>
        <source>At the first connection you compare the fingerprint of the gateway&apos;s certificate with the one from your meter operator. trudi_py then remembers it and refuses any other certificate, so nobody can pose as your gateway.</source>
        <translation>Bei der ersten Verbindung vergleichen Sie den Fingerabdruck des Gateway-Zertifikats mit dem Ihres Messstellenbetreibers. trudi_py merkt ihn sich dann und lehnt jedes andere Zertifikat ab, damit sich niemand als Ihr Gateway ausgeben kann.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="30"/>
        <source>Seal certificate (Gütesiegel-Zertifikat)</source>
        <translation>Gütesiegel-Zertifikat</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="31"/>
        <source>The certificate with index 0 of the gateway. The gateway signs its tariff profiles with it; a valid signature shows that the profile comes unchanged from the gateway.</source>
        <translation>Das Zertifikat des Gateways mit Index 0. Damit signiert das Gateway seine Tarifprofile; eine gültige Signatur zeigt, dass das Profil unverändert vom Gateway stammt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="35"/>
        <source>TAF (tariff use case)</source>
        <translation>TAF (Tarifanwendungsfall)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="36"/>
        <source>How your supplier bills you. TAF-1: fixed price, one register. TAF-2: time-variable tariff with several registers (e.g. HT and NT). TAF-6: readings on demand. TAF-7: load profile, one value every 15 minutes. TAF-9 and TAF-10: current values only, nothing is stored.</source>
        <translation>Wie Ihr Lieferant abrechnet. TAF-1: fester Preis, ein Register. TAF-2: zeitvariabler Tarif mit mehreren Registern (z. B. HT und NT). TAF-6: Ablesung auf Anforderung. TAF-7: Lastgang, alle 15 Minuten ein Wert. TAF-9 und TAF-10: nur aktuelle Werte, nichts wird gespeichert.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="41"/>
        <source>HT / NT</source>
        <translation>HT / NT</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="42"/>
        <source>High tariff (HT, usually daytime) and low tariff (NT, usually night and weekend). With a time-variable tariff the gateway counts the energy of each time zone in its own register (tariff 1, tariff 2 …); the signed tariff profile says which register is HT and which NT.</source>
        <translation>Hochtarif (HT, meist tagsüber) und Niedertarif (NT, meist nachts und am Wochenende). Bei einem zeitvariablen Tarif zählt das Gateway die Energie jeder Zeitzone in einem eigenen Register (Tarif 1, Tarif 2 …); das signierte Tarifprofil sagt, welches Register HT und welches NT ist.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="47"/>
        <source>OBIS code</source>
        <translation>OBIS-Kennzahl</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="48"/>
        <source>The number that names a register, as printed on meters and bills: 1.8.0 consumption total, 2.8.0 feed-in total, 1.8.1 / 1.8.2 consumption in tariff 1 / 2, 1.8.63 the error register. trudi_py shows names; the code is in the tooltip and in the raw data.</source>
        <translation>Die Nummer, die ein Register bezeichnet, wie auf Zählern und Rechnungen: 1.8.0 Bezug gesamt, 2.8.0 Einspeisung gesamt, 1.8.1 / 1.8.2 Bezug in Tarif 1 / 2, 1.8.63 das Fehlerregister. trudi_py zeigt Namen; die Kennzahl steht im Tooltip und in den Rohdaten.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="53"/>
        <source>Error register</source>
        <translation>Fehlerregister</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="54"/>
        <source>Energy the gateway could not assign to a tariff, e.g. while its clock was invalid. It is billed separately and should normally stay at zero.</source>
        <translation>Energie, die das Gateway keinem Tarif zuordnen konnte, z. B. solange seine Uhr ungültig war. Sie wird gesondert abgerechnet und sollte normalerweise null bleiben.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="57"/>
        <source>Status word</source>
        <translation>Statuswort</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="58"/>
        <source>A short code sent with every value in which the gateway and the meter report faults (e.g. manipulation, invalid time). trudi_py turns it into a sentence; the code is shown in the tooltip.</source>
        <translation>Ein kurzer Code, der mit jedem Wert gesendet wird und in dem Gateway und Zähler Störungen melden (z. B. Manipulation, ungültige Zeit). trudi_py macht daraus einen Satz; der Code steht im Tooltip.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="62"/>
        <source>Status 0–4</source>
        <translation>Status 0–4</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="63"/>
        <source>How usable a value is: 0 fine; 1 warning, still usable; 2 temporary error; 3 critical and 4 fatal: the value must not be used for billing.</source>
        <translation>Wie verwendbar ein Wert ist: 0 in Ordnung; 1 Warnung, noch verwendbar; 2 vorübergehender Fehler; 3 kritisch und 4 fatal: Der Wert darf nicht abgerechnet werden.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="66"/>
        <source>Original values, daily values, registers</source>
        <translation>Originalwerte, Tageswerte, Register</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="67"/>
        <source>The gateway keeps your values in databases: original values (every 15 minutes), daily values (one per day), derived and time-variable tariff registers (the amounts your bill is made of).</source>
        <translation>Das Gateway speichert Ihre Werte in Datenbanken: Originalwerte (alle 15 Minuten), Tageswerte (einer pro Tag), abgeleitete und zeitvariable Tarifregister (die Mengen, aus denen Ihre Rechnung besteht).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="71"/>
        <source>Billing period</source>
        <translation>Abrechnungszeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="72"/>
        <source>The span your supplier bills, usually a month. An open period has not ended yet and can only be checked afterwards.</source>
        <translation>Der Zeitraum, den Ihr Lieferant abrechnet, meist ein Monat. Ein offener Zeitraum ist noch nicht zu Ende und kann erst danach geprüft werden.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="75"/>
        <source>Transparency function</source>
        <translation>Transparenzfunktion</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="76"/>
        <source>Lets you recompute your bill from the values of the gateway and the tariff file of your supplier (AR 2418-6 files), as the TRuDI program does.</source>
        <translation>Damit rechnen Sie Ihre Rechnung aus den Werten des Gateways und der Tarifdatei Ihres Lieferanten nach (AR-2418-6-Dateien), wie es das Programm TRuDI tut.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="80"/>
        <source>Logbook levels</source>
        <translation>Logbuch-Stufen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="81"/>
        <source>Each logbook entry has a level: information, notice, warning, error or severe fault. Gateways number them in two ways (syslog 0–7 or 1–4); trudi_py recognises both and shows the word.</source>
        <translation>Jeder Logbucheintrag hat eine Stufe: Information, Hinweis, Warnung, Fehler oder schwerer Fehler. Gateways nummerieren sie auf zwei Arten (Syslog 0–7 oder 1–4); trudi_py erkennt beide und zeigt das Wort.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="85"/>
        <source>Operating states</source>
        <translation>Betriebszustände</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="86"/>
        <source>Normal operation, or one of the safe states (Secure State) in which the gateway switches functions off to protect your data. In a safe state inform your meter operator.</source>
        <translation>Normalbetrieb oder einer der sicheren Zustände (Secure State), in denen das Gateway Funktionen abschaltet, um Ihre Daten zu schützen. Informieren Sie in einem sicheren Zustand Ihren Messstellenbetreiber.</translation>
    </message>
</context>
<context>
    <name>GlossaryPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="99"/>
        <source>Help and glossary</source>
        <translation>Hilfe und Glossar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/glossary.py" line="104"/>
        <source>trudi_py reads, checks and archives your own meter data. The terms used on the pages are explained here.</source>
        <translation>trudi_py liest, prüft und archiviert Ihre eigenen Messdaten. Hier werden die Begriffe erklärt, die auf den Seiten vorkommen.</translation>
    </message>
</context>
<context>
    <name>GuideBar</name>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="304"/>
        <source>End the guide (the pages stay as they are)</source>
        <translation>Die Anleitung beenden (die Seiten bleiben, wie sie sind)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="333"/>
        <source>Done — all steps of this job are complete.</source>
        <translation>Fertig – alle Schritte dieser Aufgabe sind erledigt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="334"/>
        <source>Finish</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="338"/>
        <source>Next step: {0}</source>
        <translation>Nächster Schritt: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="339"/>
        <source>Go to: {0}</source>
        <translation>Gehe zu: {0}</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="54"/>
        <source>Local history</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="56"/>
        <source>trudi_py keeps every value your gateway ever sent in a history on this PC — also when the gateway itself has long forgotten them. A sync fetches only what is new. Open the history to see readings, charts and the bill check without a connection.</source>
        <translation>trudi_py bewahrt jeden Wert, den Ihr Gateway je gesendet hat, in einem Verlauf auf diesem PC auf – auch wenn das Gateway selbst ihn längst vergessen hat. Ein Abgleich holt nur, was neu ist. Öffnen Sie den Verlauf, um Messwerte, Diagramme und die Rechnungsprüfung ohne Verbindung zu sehen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="63"/>
        <source>Sync with the gateway</source>
        <translation>Mit dem Gateway abgleichen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="69"/>
        <source>&amp;Sync now</source>
        <translation>Jetzt a&amp;bgleichen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="71"/>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="82"/>
        <source>Sync &amp;automatically every</source>
        <translation>&amp;Automatisch abgleichen alle</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="85"/>
        <source>{0} h</source>
        <translation>{0} Std.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="88"/>
        <source>while trudi_py is open</source>
        <translation>solange trudi_py geöffnet ist</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="98"/>
        <source>Histories on this PC</source>
        <translation>Verläufe auf diesem PC</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="103"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="103"/>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="103"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="103"/>
        <source>Last sync</source>
        <translation>Letzter Abgleich</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="104"/>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="116"/>
        <source>&amp;Open history (offline)</source>
        <translation>Verlauf ö&amp;ffnen (offline)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="118"/>
        <source>&amp;Refresh list</source>
        <translation>Liste &amp;aktualisieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="184"/>
        <source>No history on this PC yet. Connect to your gateway and press &quot;Sync now&quot;.</source>
        <translation>Noch kein Verlauf auf diesem PC. Verbinden Sie sich mit Ihrem Gateway und drücken Sie „Jetzt abgleichen“.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="192"/>
        <source>complete</source>
        <translation>vollständig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="192"/>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="193"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="193"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="200"/>
        <source>gaps fetched at the next sync: {0}</source>
        <translation>Lücken, die der nächste Abgleich holt: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="202"/>
        <source>gaps the gateway no longer had: {0}</source>
        <translation>Lücken, die das Gateway nicht mehr hatte: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="205"/>
        <source>values the gateway changed later (the first is kept): {0}</source>
        <translation>Werte, die das Gateway später geändert hat (der erste bleibt): {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="207"/>
        <source>logbook entries: {0}</source>
        <translation>Logbuch-Einträge: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="245"/>
        <source>trudi_py keeps a history only of CONEXA gateways. Keep the data of this gateway with an archive (page &quot;Archive&quot;). The histories below can be opened without a connection.</source>
        <translation>trudi_py führt einen Verlauf nur für CONEXA-Gateways. Sichern Sie die Daten dieses Gateways mit einem Archiv (Seite »Archiv«). Die Verläufe unten lassen sich ohne Verbindung öffnen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="249"/>
        <source>To sync, connect to your gateway first (page &quot;Connect&quot;). The history below can be opened without a connection.</source>
        <translation>Zum Abgleichen verbinden Sie sich zuerst mit Ihrem Gateway (Seite „Verbinden“). Den Verlauf unten können Sie auch ohne Verbindung öffnen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="252"/>
        <source>Connected to {0}. A sync fetches everything new since the last one into the history on this PC.</source>
        <translation>Verbunden mit {0}. Ein Abgleich holt alles, was seit dem letzten neu ist, in den Verlauf auf diesem PC.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="255"/>
        <source>Syncs use the last connection ({0}) — the password stays in memory only until trudi_py is closed.</source>
        <translation>Abgleiche nutzen die letzte Verbindung ({0}) – das Passwort bleibt nur im Arbeitsspeicher, bis trudi_py geschlossen wird.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="265"/>
        <source>Next automatic sync: {0}.</source>
        <translation>Nächster automatischer Abgleich: {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="268"/>
        <source>Next try not before {0}.</source>
        <translation>Nächster Versuch frühestens {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="271"/>
        <source>Automatic syncs start after you have connected to the gateway once.</source>
        <translation>Automatische Abgleiche beginnen, sobald Sie einmal mit dem Gateway verbunden waren.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="279"/>
        <source>Syncing…</source>
        <translation>Gleiche ab…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="286"/>
        <source>Request {0} of {1}</source>
        <translation>Anfrage {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="291"/>
        <source>Synced: {0} new values, {1} new logbook entries, {2} requests (the minimum is {3}).</source>
        <translation>Abgeglichen: {0} neue Werte, {1} neue Logbuch-Einträge, {2} Anfragen (das Minimum ist {3}).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="296"/>
        <source>Values that differ from the stored ones: {0} (the first is kept).</source>
        <translation>Werte, die von den gespeicherten abweichen: {0} (der erste bleibt).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="299"/>
        <source>Not everything could be fetched; the next sync tries again.</source>
        <translation>Nicht alles konnte geholt werden; der nächste Abgleich versucht es erneut.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="310"/>
        <source>Sync cancelled; everything fetched so far is kept.</source>
        <translation>Abgleich abgebrochen; alles bisher Geholte bleibt gespeichert.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/history.py" line="313"/>
        <source>Not synced now: trudi_py asks the gateway at most once per 15 minutes, and waits after the gateway refused. Next try not before {0}.</source>
        <translation>Jetzt nicht abgeglichen: trudi_py fragt das Gateway höchstens einmal je 15 Minuten und wartet, nachdem das Gateway abgelehnt hat. Nächster Versuch frühestens {0}.</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="125"/>
        <source>Connect to the gateway or open an archive</source>
        <extracomment>the jobs, each a tuple of (page where the household acts) per step per job the steps after the first that are done (the first is the data source)</extracomment>
        <translation>Mit dem Gateway verbinden oder ein Archiv öffnen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="126"/>
        <location filename="../../trudi_py/gui/pages/start.py" line="154"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="127"/>
        <source>Enter the address and your access data and click »Connect« — or click »Open archive…«.</source>
        <translation>Adresse und Zugangsdaten eingeben und auf »Verbinden« klicken – oder auf »Archiv öffnen…«.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="132"/>
        <source>Choose contract and period</source>
        <translation>Vertrag und Zeitraum wählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="133"/>
        <source>Choose period</source>
        <translation>Zeitraum wählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="134"/>
        <source>Choose contract, kind of values and period, then click »Load«.</source>
        <translation>Vertrag, Art der Werte und Zeitraum wählen, dann auf »Laden« klicken.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="137"/>
        <source>Look at the values and charts</source>
        <translation>Werte und Diagramme ansehen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="138"/>
        <source>Look at the values</source>
        <translation>Werte ansehen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="139"/>
        <source>Scroll through the table or choose a chart above it.</source>
        <translation>Blättern Sie durch die Tabelle oder wählen Sie darüber ein Diagramm.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="143"/>
        <source>Start the check (takes a few minutes)</source>
        <translation>Prüfung starten (dauert einige Minuten)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="144"/>
        <source>Start the check</source>
        <translation>Prüfung starten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="145"/>
        <source>Click »Check now«.</source>
        <translation>Auf »Jetzt prüfen« klicken.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="147"/>
        <source>Read the result for each billing period</source>
        <translation>Ergebnis je Abrechnungszeitraum lesen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="148"/>
        <source>Read the result</source>
        <translation>Ergebnis lesen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="149"/>
        <source>Each row says in one sentence what was found for a billing period.</source>
        <translation>Jede Zeile sagt in einem Satz, was für einen Abrechnungszeitraum herauskam.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="153"/>
        <source>Connect to the gateway</source>
        <translation>Mit dem Gateway verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="155"/>
        <source>Enter the address and your access data and click »Connect« (an opened archive cannot be saved again).</source>
        <translation>Adresse und Zugangsdaten eingeben und auf »Verbinden« klicken (ein geöffnetes Archiv lässt sich nicht erneut sichern).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="158"/>
        <source>Choose where to save the archive file</source>
        <translation>Speicherort der Archivdatei wählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="159"/>
        <source>Choose the file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="160"/>
        <source>Click »Archive everything…« and choose where to save the file.</source>
        <translation>Auf »Alles archivieren…« klicken und den Speicherort wählen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="163"/>
        <source>Wait until everything is saved (can be continued)</source>
        <translation>Warten, bis alles gesichert ist (fortsetzbar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="164"/>
        <source>Wait until saved</source>
        <translation>Warten bis gesichert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="165"/>
        <source>Wait until the archive is complete; an interrupted archive can be continued.</source>
        <translation>Warten, bis das Archiv vollständig ist; ein unterbrochenes Archiv lässt sich fortsetzen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="169"/>
        <source>View my values</source>
        <translation>Werte ansehen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="170"/>
        <source>See your consumption and feed-in in kWh: per 15 minutes, day and month, as a table and as charts.</source>
        <translation>Ihren Bezug und Ihre Einspeisung in kWh sehen: je 15 Minuten, Tag und Monat, als Tabelle und als Diagramm.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="173"/>
        <source>Check my bill</source>
        <translation>Rechnung prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="174"/>
        <source>Recompute the tariff registers of every billing period from your 15-minute values and compare them with the gateway.</source>
        <translation>Die Tarifregister jedes Abrechnungszeitraums aus Ihren 15-Minuten-Werten nachrechnen und mit dem Gateway vergleichen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="178"/>
        <source>Save everything before removal</source>
        <translation>Alles sichern vor dem Ausbau</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="179"/>
        <source>Before the gateway is replaced: keep all your values and the logbook in one archive file that can be checked years later.</source>
        <translation>Bevor das Gateway getauscht wird: alle Ihre Werte und das Logbuch in einer Archivdatei aufbewahren, die auch Jahre später noch prüfbar ist.</translation>
    </message>
</context>
<context>
    <name>LogModel</name>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="101"/>
        <source>Time (Berlin)</source>
        <extracomment>filter value → the worst severities it keeps</extracomment>
        <translation>Zeit (Berlin)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="101"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="101"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="102"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="102"/>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="116"/>
        <source>syslog scale 0–7</source>
        <translation>Syslog-Skala 0–7</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="117"/>
        <source>scale 1–4 of the interface description</source>
        <translation>Skala 1–4 der Schnittstellenbeschreibung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="118"/>
        <source>Level {0} ({1})</source>
        <translation>Stufe {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="120"/>
        <source>Event {0}: manufacturer {1}, event number {2}, sub-number {3}</source>
        <translation>Ereignis {0}: Hersteller {1}, Ereignisnummer {2}, Unternummer {3}</translation>
    </message>
</context>
<context>
    <name>LogbookPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="191"/>
        <source>Logbook</source>
        <translation>Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="194"/>
        <source>All levels</source>
        <translation>Alle Stufen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="195"/>
        <source>Errors and worse</source>
        <translation>Fehler und schlimmer</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="196"/>
        <source>Warnings and worse</source>
        <translation>Warnungen und schlimmer</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="197"/>
        <source>Notices and worse</source>
        <translation>Hinweise und schlimmer</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="200"/>
        <source>Whole logbook</source>
        <translation>Gesamtes Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="200"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="201"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="201"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="202"/>
        <source>From – to</source>
        <translation>Von – bis</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="211"/>
        <source>Search text…</source>
        <translation>Text suchen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="213"/>
        <source>Only &amp;special functions and self-tests</source>
        <translation>Nur &amp;Sonderfunktionen und Selbsttests</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="214"/>
        <source>&amp;Level:</source>
        <translation>&amp;Stufe:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="214"/>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="223"/>
        <source>Sea&amp;rch:</source>
        <translation>Such&amp;e:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="232"/>
        <source>&amp;Reload</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="269"/>
        <source>&lt;span style=&apos;background:{0}&apos;&gt;&amp;nbsp;red&amp;nbsp;&lt;/span&gt; error &amp;nbsp; &lt;span style=&apos;background:{1}&apos;&gt;&amp;nbsp;yellow&amp;nbsp;&lt;/span&gt; warning</source>
        <translation>&lt;span style=&apos;background:{0}&apos;&gt;&amp;nbsp;rot&amp;nbsp;&lt;/span&gt; Fehler &amp;nbsp; &lt;span style=&apos;background:{1}&apos;&gt;&amp;nbsp;gelb&amp;nbsp;&lt;/span&gt; Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="273"/>
        <source>&lt;span style=&apos;background:{0}&apos;&gt;&amp;nbsp;blue&amp;nbsp;&lt;/span&gt; active special functions (THE.19013.0) &amp;nbsp; &lt;span style=&apos;background:{1}&apos;&gt;&amp;nbsp;green&amp;nbsp;&lt;/span&gt; self-test passed &amp;nbsp; &lt;span style=&apos;background:{2}&apos;&gt;&amp;nbsp;red&amp;nbsp;&lt;/span&gt; self-test failed or error &amp;nbsp; &lt;span style=&apos;background:{3}&apos;&gt;&amp;nbsp;yellow&amp;nbsp;&lt;/span&gt; warning</source>
        <translation>&lt;span style=&apos;background:{0}&apos;&gt;&amp;nbsp;blau&amp;nbsp;&lt;/span&gt; aktive Sonderfunktionen (THE.19013.0) &amp;nbsp; &lt;span style=&apos;background:{1}&apos;&gt;&amp;nbsp;grün&amp;nbsp;&lt;/span&gt; Selbsttest bestanden &amp;nbsp; &lt;span style=&apos;background:{2}&apos;&gt;&amp;nbsp;rot&amp;nbsp;&lt;/span&gt; Selbsttest fehlgeschlagen oder Fehler &amp;nbsp; &lt;span style=&apos;background:{3}&apos;&gt;&amp;nbsp;gelb&amp;nbsp;&lt;/span&gt; Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="306"/>
        <source>Loading the logbook…</source>
        <translation>Logbuch wird geladen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/logbook.py" line="344"/>
        <source>{0} of {1} entries</source>
        <translation>{0} von {1} Einträgen</translation>
    </message>
</context>
<context>
    <name>LoginLock</name>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_lock.py" line="44"/>
        <source>Wrong logins so far: {0}. The PPC gateway locks its portal for about 5 minutes after a few wrong logins (often 3). Check user name and password before you try again - trudi_py never repeats a refused login by itself.</source>
        <translation>Falsche Anmeldungen bisher: {0}. Das PPC-Gateway sperrt sein Portal nach wenigen falschen Anmeldungen (oft 3) für etwa 5 Minuten. Prüfen Sie Benutzername und Passwort, bevor Sie es erneut versuchen – trudi_py wiederholt eine abgelehnte Anmeldung nie von selbst.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_lock.py" line="70"/>
        <source>The gateway&apos;s lock has ended: you can connect again.</source>
        <translation>Die Sperre des Gateways ist vorbei: Sie können sich wieder verbinden.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_lock.py" line="77"/>
        <source>Connect again from {0}</source>
        <translation>Verbinden wieder ab {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_lock.py" line="79"/>
        <source>The gateway refuses every login until {0}. Each attempt before then may extend the lock.</source>
        <translation>Das Gateway lehnt bis {0} jede Anmeldung ab. Jeder Versuch vorher kann die Sperre verlängern.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_lock.py" line="82"/>
        <source>The gateway&apos;s portal is locked after wrong logins.</source>
        <translation>Das Portal des Gateways ist nach falschen Anmeldungen gesperrt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/connect_lock.py" line="84"/>
        <source>Remaining: {0}. Try again from {1} (this PC&apos;s clock), with the right user name and password. trudi_py does not try by itself.</source>
        <translation>Noch {0}. Versuchen Sie es ab {1} (Uhr dieses PCs) wieder, mit dem richtigen Benutzernamen und Passwort. trudi_py versucht es nicht von selbst.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="60"/>
        <source>Your Smart Meter Gateway</source>
        <extracomment>pages that need a live gateway (hidden for an opened archive or history) pages that need data (a gateway or an archive)</extracomment>
        <translation>Ihr Smart-Meter-Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="73"/>
        <source>Pages</source>
        <extracomment>remember successful connections in gateways.json (off for the demo)</extracomment>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="105"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="106"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="107"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="108"/>
        <source>Contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="109"/>
        <source>Current values</source>
        <translation>Aktuelle Werte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="110"/>
        <source>Readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="111"/>
        <source>Logbook</source>
        <translation>Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="112"/>
        <source>Self-test</source>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="113"/>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="114"/>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="115"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="116"/>
        <source>Help and glossary</source>
        <translation>Hilfe und Glossar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="155"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="156"/>
        <source>&amp;Open archive…</source>
        <translation>Archiv ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="160"/>
        <source>&amp;Disconnect</source>
        <translation>Verbindung &amp;trennen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="164"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="168"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="169"/>
        <source>&amp;Settings and trusted gateways…</source>
        <translation>&amp;Einstellungen und vertraute Gateways…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="173"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="174"/>
        <source>&amp;About trudi_py</source>
        <translation>&amp;Über trudi_py</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="179"/>
        <source>About trudi_py</source>
        <translation>Über trudi_py</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="180"/>
        <source>&lt;b&gt;trudi_py {0}&lt;/b&gt;&lt;br&gt;Read, check and archive your own meter data from a Smart Meter Gateway (CONEXA 3.0) over the HAN port.&lt;br&gt;Passwords are never stored; the gateway&apos;s certificate is pinned by its fingerprint.</source>
        <translation>&lt;b&gt;trudi_py {0}&lt;/b&gt;&lt;br&gt;Eigene Messwerte aus einem Smart-Meter-Gateway (CONEXA 3.0) über die HAN-Schnittstelle lesen, prüfen und archivieren.&lt;br&gt;Passwörter werden nie gespeichert; das Zertifikat des Gateways wird über seinen Fingerabdruck fest hinterlegt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="246"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="247"/>
        <source>Connecting to {0}…</source>
        <translation>Verbindung zu {0} wird aufgebaut…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="248"/>
        <source>Connected to {0} (certificate pinned)</source>
        <translation>Verbunden mit {0} (Zertifikat geprüft)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="249"/>
        <source>Archive opened (offline): {0}</source>
        <translation>Archiv geöffnet (offline): {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="251"/>
        <source>Local history opened (offline): {0}</source>
        <translation>Lokaler Verlauf geöffnet (offline): {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="292"/>
        <source>Not connected: the certificate was not trusted.</source>
        <translation>Nicht verbunden: Dem Zertifikat wurde nicht vertraut.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="319"/>
        <source>The gateway restarts for its self-test. Connect again in a few minutes; the logbook then shows the restart.</source>
        <translation>Das Gateway startet für den Selbsttest neu. Verbinden Sie sich in einigen Minuten wieder; das Logbuch zeigt dann den Neustart.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="332"/>
        <location filename="../../trudi_py/gui/main_window.py" line="340"/>
        <location filename="../../trudi_py/gui/main_window.py" line="350"/>
        <source>Open archive</source>
        <translation>Archiv öffnen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="333"/>
        <source>trudi_py archives (*.zip);;All files (*)</source>
        <translation>trudi_py-Archive (*.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="341"/>
        <source>Opening an archive ends the connection to the gateway. Continue?</source>
        <translation>Wenn Sie ein Archiv öffnen, wird die Verbindung zum Gateway getrennt. Fortfahren?</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/main_window.py" line="365"/>
        <source>The language changes after the running job (or at the next start).</source>
        <translation>Die Sprache wechselt nach der laufenden Arbeit (oder beim nächsten Start).</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="110"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="111"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="113"/>
        <location filename="../../trudi_py/gui/pages/overview.py" line="206"/>
        <source>&amp;Disconnect</source>
        <translation>Verbindung &amp;trennen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="123"/>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="132"/>
        <source>Gateway ID:</source>
        <translation>Gateway-Kennung:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="133"/>
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="134"/>
        <source>Firmware hash (SHA-256):</source>
        <translation>Firmware-Hash (SHA-256):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="135"/>
        <source>Gateway time:</source>
        <translation>Gateway-Zeit:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="136"/>
        <source>Difference to this PC:</source>
        <translation>Abweichung zu diesem PC:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="137"/>
        <source>State word:</source>
        <translation>Statuswort:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="146"/>
        <source>Operating states and what to do</source>
        <translation>Betriebszustände und was zu tun ist</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="176"/>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="184"/>
        <source>HAN (TLS):</source>
        <translation>HAN (TLS):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="185"/>
        <source>WAN (signing):</source>
        <translation>WAN (Signatur):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="186"/>
        <source>The certificate this PC checks at every connection (pinning, see Help and glossary)</source>
        <translation>Das Zertifikat, das dieser PC bei jeder Verbindung prüft (Pinning, siehe Hilfe und Glossar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="188"/>
        <source>The certificates the gateway signs with; index 0 is the seal certificate (Gütesiegel-Zertifikat)</source>
        <translation>Die Zertifikate, mit denen das Gateway signiert; Index 0 ist das Gütesiegel-Zertifikat</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="206"/>
        <source>&amp;Close history</source>
        <translation>Verlauf &amp;schließen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="207"/>
        <source>&amp;Close archive</source>
        <translation>Archiv &amp;schließen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="244"/>
        <source>(interface {0})</source>
        <translation>(Schnittstelle {0})</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="251"/>
        <source>(Berlin time)</source>
        <translation>(Berliner Zeit)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="255"/>
        <source>not applicable (local history)</source>
        <translation>entfällt (lokaler Verlauf)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="257"/>
        <source>not applicable (archive)</source>
        <translation>entfällt (Archiv)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="259"/>
        <source>{0} — fine</source>
        <translation>{0} – in Ordnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="263"/>
        <source>the clocks differ. Check this PC&apos;s clock first; if it is right, the gateway&apos;s time is off (inform your meter operator).</source>
        <translation>die Uhren weichen voneinander ab. Prüfen Sie zuerst die Uhr dieses PCs; stimmt sie, geht das Gateway falsch (informieren Sie Ihren Messstellenbetreiber).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="266"/>
        <source>no flags set</source>
        <translation>keine Meldungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="267"/>
        <source>The gateway reports: {0}.</source>
        <translation>Das Gateway meldet: {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="268"/>
        <source>The gateway reports no fault.</source>
        <translation>Das Gateway meldet keine Störung.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="272"/>
        <source>The state word is a short code in which the gateway reports faults; the code itself is shown in brackets.</source>
        <translation>Das Statuswort ist ein kurzer Code, in dem das Gateway Störungen meldet; der Code selbst steht in Klammern.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="281"/>
        <source>Local history opened: {0}. Gateway details as of the last sync; readings, logbook and the bill check cover everything ever fetched.</source>
        <translation>Lokaler Verlauf geöffnet: {0}. Gateway-Angaben vom letzten Abgleich; Messwerte, Logbuch und Rechnungsprüfung umfassen alles, was je abgeholt wurde.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="286"/>
        <location filename="../../trudi_py/gui/pages/overview.py" line="312"/>
        <source>Archive opened: {0}. These are the gateway&apos;s data as they were when the archive was made.</source>
        <translation>Archiv geöffnet: {0}. Das sind die Daten des Gateways zum Zeitpunkt der Archivierung.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="290"/>
        <source>The gateway reports a problem: {0}. Inform your meter operator.</source>
        <translation>Das Gateway meldet ein Problem: {0}. Informieren Sie Ihren Messstellenbetreiber.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="294"/>
        <source>Normal operation: the gateway answers and reports no error.</source>
        <translation>Normalbetrieb: Das Gateway antwortet und meldet keinen Fehler.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="299"/>
        <source>not shown by this gateway</source>
        <translation>von diesem Gateway nicht angezeigt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="300"/>
        <source>not shown by this gateway (the times in trudi_py are those of this PC)</source>
        <translation>von diesem Gateway nicht angezeigt (die Zeiten in trudi_py sind die dieses PCs)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="302"/>
        <source>cannot be checked (the gateway does not show its clock)</source>
        <translation>nicht prüfbar (das Gateway zeigt seine Uhr nicht)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="303"/>
        <source>not reported by this gateway: it shows its errors on the pages and in the logbook</source>
        <translation>von diesem Gateway nicht gemeldet: es zeigt Fehler auf seinen Seiten und im Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="309"/>
        <source>Local history opened: {0}.</source>
        <translation>Lokaler Verlauf geöffnet: {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="316"/>
        <source>Connected: the gateway&apos;s portal answers. This gateway (PPC) shows meter values, contracts and its logbook; it tells neither its clock nor a state word.</source>
        <translation>Verbunden: Das Portal des Gateways antwortet. Dieses Gateway (PPC) zeigt Zählerwerte, Verträge und sein Logbuch; seine Uhrzeit und ein Statuswort nennt es nicht.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="327"/>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="331"/>
        <source>matches your pin</source>
        <translation>stimmt mit Ihrem hinterlegten Fingerabdruck überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="332"/>
        <source>differs from the pinned TLS certificate</source>
        <translation>weicht vom hinterlegten TLS-Zertifikat ab</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="336"/>
        <source>valid {0} to {1}</source>
        <translation>gültig {0} bis {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="346"/>
        <source>Index {0} (seal)</source>
        <translation>Index {0} (Gütesiegel)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="346"/>
        <source>Index {0}</source>
        <translation>Index {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="349"/>
        <source>not readable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="351"/>
        <source>{0}, valid to {1}</source>
        <translation>{0}, gültig bis {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="355"/>
        <source>not shown by this gateway&apos;s portal (its signed exports carry their own signature)</source>
        <translation>vom Portal dieses Gateways nicht angezeigt (seine signierten Exporte tragen ihre eigene Signatur)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="358"/>
        <source>none reported</source>
        <translation>keine gemeldet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="334"/>
        <source>serial {0}, {1}</source>
        <translation>Seriennummer {0}, {1}</translation>
    </message>
</context>
<context>
    <name>Phases</name>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="37"/>
        <source>connecting</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="38"/>
        <source>gateway information</source>
        <translation>Gateway-Informationen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="39"/>
        <source>contracts</source>
        <translation>Verträge</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="40"/>
        <source>contract details</source>
        <translation>Vertragsdetails</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="41"/>
        <source>readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="42"/>
        <source>logbook</source>
        <translation>Logbuch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="43"/>
        <source>writing the archive</source>
        <translation>Archiv wird geschrieben</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/archive.py" line="44"/>
        <source>finishing</source>
        <translation>Abschluss</translation>
    </message>
</context>
<context>
    <name>PinMismatchDialog</name>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="94"/>
        <source>Connection stopped: certificate changed</source>
        <translation>Verbindung gestoppt: Zertifikat geändert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="103"/>
        <source>&lt;h3 style=&apos;color:#b00020&apos;&gt;The gateway at {0} presented a different certificate&lt;/h3&gt;The connection was refused before any data was sent. This can mean that someone is between your PC and the gateway — or that the meter operator has replaced the certificate.</source>
        <translation>&lt;h3 style=&apos;color:#b00020&apos;&gt;Das Gateway unter {0} hat ein anderes Zertifikat vorgelegt&lt;/h3&gt;Die Verbindung wurde abgelehnt, bevor Daten gesendet wurden. Das kann bedeuten, dass sich jemand zwischen Ihren PC und das Gateway geschaltet hat – oder dass der Messstellenbetreiber das Zertifikat ersetzt hat.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="110"/>
        <source>Trusted (pinned) fingerprint:</source>
        <translation>Vertrauter (hinterlegter) Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="112"/>
        <source>Fingerprint presented now:</source>
        <translation>Jetzt vorgelegter Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="118"/>
        <source>Ask your meter operator whether the certificate was replaced, and for the new fingerprint. Only then remove the old pin deliberately under Settings → Trusted gateways, and connect again.</source>
        <translation>Fragen Sie Ihren Messstellenbetreiber, ob das Zertifikat ersetzt wurde, und nach dem neuen Fingerabdruck. Erst dann entfernen Sie den alten Eintrag bewusst unter Einstellungen → Vertraute Gateways und verbinden sich erneut.</translation>
    </message>
</context>
<context>
    <name>ReadingsModel</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="171"/>
        <source>Time (Berlin)</source>
        <translation>Zeit (Berlin)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="171"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="171"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="172"/>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="172"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="172"/>
        <source>Raw value</source>
        <translation>Rohwert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="173"/>
        <source>Captured (Berlin)</source>
        <translation>Erfasst (Berlin)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="173"/>
        <source>Source</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="229"/>
        <source>fetched {0}</source>
        <translation>abgerufen {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="230"/>
        <source>history</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="231"/>
        <source>gateway, now</source>
        <translation>Gateway, jetzt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="231"/>
        <source>archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="241"/>
        <source>Fetched from the gateway on {0} (sync no. {1}) and kept in the local history together with the gateway&apos;s answer and its SHA-256.</source>
        <translation>Am {0} vom Gateway abgeholt (Abgleich Nr. {1}) und im lokalen Verlauf aufbewahrt, zusammen mit der Antwort des Gateways und ihrem SHA-256.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="244"/>
        <source>From the local history.</source>
        <translation>Aus dem lokalen Verlauf.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="246"/>
        <source>Read from the connected gateway just now.</source>
        <translation>Soeben vom verbundenen Gateway gelesen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="247"/>
        <source>From the opened archive (its raw answers are inside the file).</source>
        <translation>Aus dem geöffneten Archiv (seine Rohantworten stehen in der Datei).</translation>
    </message>
</context>
<context>
    <name>ReadingsPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="325"/>
        <source>Charts from the archive&apos;s energy per day; the values are being read…</source>
        <translation>Diagramme aus der Energie je Tag im Archiv; die Messwerte werden gelesen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="79"/>
        <source>Readings</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="94"/>
        <source>&amp;Contract:</source>
        <translation>&amp;Vertrag:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="94"/>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="94"/>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="95"/>
        <source>&amp;From:</source>
        <translation>V&amp;on:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="95"/>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="105"/>
        <source>&amp;Load</source>
        <translation>&amp;Laden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="108"/>
        <source>Ca&amp;ncel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="119"/>
        <source>Only &amp;notable values</source>
        <translation>Nur a&amp;uffällige Werte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="121"/>
        <source>Ra&amp;w data</source>
        <translation>&amp;Rohdaten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="122"/>
        <source>Also show the unit and the raw integer exactly as the gateway sent it</source>
        <translation>Zusätzlich Einheit und Rohwert genau so zeigen, wie das Gateway sie gesendet hat</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="125"/>
        <source>Export C&amp;SV…</source>
        <translation>&amp;CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="127"/>
        <source>Export &amp;PNG…</source>
        <translation>&amp;PNG exportieren…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="235"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="236"/>
        <source>Last week</source>
        <translation>Letzte Woche</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="237"/>
        <source>Last month (30 days)</source>
        <translation>Letzter Monat (30 Tage)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="238"/>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="239"/>
        <source>Whole contract</source>
        <translation>Gesamte Vertragslaufzeit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="243"/>
        <source>Billing period {0} – {1}</source>
        <translation>Abrechnungszeitraum {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="250"/>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="282"/>
        <source>The end of the range must be after its start.</source>
        <translation>Das Ende des Zeitraums muss nach seinem Beginn liegen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="288"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="339"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="346"/>
        <source>Preparing table and charts…</source>
        <translation>Tabelle und Diagramme werden vorbereitet…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="350"/>
        <source>Request {0} of {1}</source>
        <translation>Anfrage {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="352"/>
        <source>{0} left</source>
        <translation>noch {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="369"/>
        <source>{0} values in {1} channels, {2} notable</source>
        <translation>{0} Werte in {1} Kanälen, davon {2} auffällig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="374"/>
        <source>The local history has no values in this range.</source>
        <translation>Der lokale Verlauf hat in diesem Zeitraum keine Werte.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="376"/>
        <source>The gateway has no values in this range.</source>
        <translation>Das Gateway hat in diesem Zeitraum keine Werte.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="382"/>
        <source>Loading cancelled.</source>
        <translation>Laden abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="408"/>
        <source>Export CSV</source>
        <translation>CSV exportieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="410"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="422"/>
        <source>{0} values written to {1}.</source>
        <translation>{0} Werte in {1} geschrieben.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="438"/>
        <source>Export chart as PNG</source>
        <translation>Diagramm als PNG exportieren</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="440"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings.py" line="448"/>
        <source>Chart saved to {0}.</source>
        <translation>Diagramm gespeichert: {0}.</translation>
    </message>
</context>
<context>
    <name>SelfTestPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="36"/>
        <source>Self-test</source>
        <extracomment>a gateway that restarts for its self-test (PPC) was asked to: the connection ends first look into the logbook this long after the start, then every poll_interval_ms</extracomment>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="77"/>
        <source>The gateway tests itself at every start and then every 24 hours (firmware v3.87; older firmware every 4 hours). You can start an additional self-test here. Afterwards the self-test is locked for 10 minutes; the result is written to the logbook and shown below.</source>
        <translation>Das Gateway prüft sich bei jedem Start und danach alle 24 Stunden selbst (ab Version 3.87; bei älterer Version alle 4 Stunden). Hier können Sie zusätzlich einen Selbsttest starten. Danach ist der Selbsttest 10 Minuten gesperrt; das Ergebnis steht im Logbuch und wird unten angezeigt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="41"/>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="91"/>
        <source>&amp;Start self-test</source>
        <translation>Selbsttest &amp;starten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="52"/>
        <source>Self-test lock</source>
        <translation>Sperre nach Selbsttest</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="85"/>
        <source>This gateway (PPC) restarts for its self-test: the connection ends, and the gateway&apos;s portal is away for a few minutes. Start it only when you need it - for example when the gateway no longer delivers values. Connect again afterwards; the logbook then shows the restart.</source>
        <translation>Dieses Gateway (PPC) startet für den Selbsttest neu: Die Verbindung endet, und das Portal ist einige Minuten nicht erreichbar. Starten Sie ihn nur, wenn Sie ihn brauchen – etwa wenn das Gateway keine Werte mehr liefert. Verbinden Sie sich danach wieder; das Logbuch zeigt dann den Neustart.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="90"/>
        <source>&amp;Start self-test (the gateway restarts)</source>
        <translation>Selbsttest &amp;starten (das Gateway startet neu)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="104"/>
        <source>Starting the self-test…</source>
        <translation>Selbsttest wird gestartet…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="113"/>
        <source>Self-test started. The gateway restarts now; connect again in a few minutes.</source>
        <translation>Selbsttest gestartet. Das Gateway startet jetzt neu; verbinden Sie sich in einigen Minuten wieder.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="121"/>
        <source>Self-test started at {0}. Waiting for the result in the logbook…</source>
        <translation>Selbsttest um {0} gestartet. Warte auf das Ergebnis im Logbuch…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="133"/>
        <source>A self-test is running or was started less than 10 minutes ago. The gateway allows the next one when the countdown ends.</source>
        <translation>Ein Selbsttest läuft oder wurde vor weniger als 10 Minuten gestartet. Das Gateway erlaubt den nächsten, wenn der Countdown abgelaufen ist.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="160"/>
        <source>A new self-test can be started.</source>
        <translation>Ein neuer Selbsttest kann gestartet werden.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="164"/>
        <source>Next self-test possible in {0}</source>
        <translation>Nächster Selbsttest möglich in {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="166"/>
        <source>Next self-test possible in at most {0}</source>
        <translation>Nächster Selbsttest möglich in höchstens {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="186"/>
        <source>No self-test result in the logbook yet. Look into the logbook later.</source>
        <translation>Noch kein Selbsttest-Ergebnis im Logbuch. Sehen Sie später im Logbuch nach.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="193"/>
        <source>Self-test failed</source>
        <translation>Selbsttest fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="193"/>
        <source>Self-test passed</source>
        <translation>Selbsttest bestanden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/selftest.py" line="195"/>
        <source>Logbook entry {0}, event {1}</source>
        <translation>Logbucheintrag {0}, Ereignis {1}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="45"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="50"/>
        <source>Automatic (system language)</source>
        <translation>Automatisch (Systemsprache)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="55"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="61"/>
        <source>Trusted gateways (pinned certificates)</source>
        <translation>Vertraute Gateways (hinterlegte Zertifikate)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="64"/>
        <source>A gateway is trusted by the fingerprint of its certificate. Forget a pin only if your meter operator has told you that the certificate was replaced; the next connection then asks you to compare the new fingerprint.</source>
        <translation>Einem Gateway wird über den Fingerabdruck seines Zertifikats vertraut. Entfernen Sie einen Eintrag nur, wenn Ihr Messstellenbetreiber Ihnen mitgeteilt hat, dass das Zertifikat ersetzt wurde; bei der nächsten Verbindung vergleichen Sie dann den neuen Fingerabdruck.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="70"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="70"/>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="71"/>
        <source>Trusted since</source>
        <translation>Vertraut seit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="71"/>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="80"/>
        <source>&amp;Forget selected pin…</source>
        <translation>Ausgewählten Eintrag &amp;entfernen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="87"/>
        <source>Clear &amp;recently used gateways</source>
        <translation>&amp;Zuletzt verwendete Gateways löschen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="124"/>
        <source>Forget pin</source>
        <translation>Eintrag entfernen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="125"/>
        <source>Really forget the trusted certificate of {0}? Do this only if your meter operator confirmed a new certificate.</source>
        <translation>Das vertraute Zertifikat von {0} wirklich entfernen? Tun Sie das nur, wenn Ihr Messstellenbetreiber ein neues Zertifikat bestätigt hat.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/settings_dialog.py" line="143"/>
        <source>The language changes when you close this window.</source>
        <translation>Die Sprache wechselt, wenn Sie dieses Fenster schließen.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="211"/>
        <source>What would you like to do?</source>
        <translation>Was möchten Sie tun?</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="212"/>
        <source>Choose one of the three jobs; trudi_py leads you through its steps. The list on the left opens every page directly.</source>
        <translation>Wählen Sie eine der drei Aufgaben; trudi_py führt Sie durch die Schritte. Über die Liste links erreichen Sie jede Seite auch direkt.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="262"/>
        <source>Show the result</source>
        <translation>Ergebnis zeigen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="266"/>
        <source>Continue: {0}</source>
        <translation>Weiter: {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/start.py" line="235"/>
        <location filename="../../trudi_py/gui/pages/start.py" line="264"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="56"/>
        <source>Inform your meter operator (Messstellenbetreiber); the gateway cannot be repaired by you.</source>
        <translation>Informieren Sie Ihren Messstellenbetreiber; Sie selbst können das Gateway nicht reparieren.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="60"/>
        <source>Normal operation</source>
        <translation>Normalbetrieb</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="61"/>
        <source>All functions available: values, logbook, self-test.</source>
        <translation>Alle Funktionen verfügbar: Messwerte, Logbuch, Selbsttest.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="62"/>
        <source>Nothing to do.</source>
        <translation>Nichts zu tun.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="63"/>
        <source>Secure State Boot</source>
        <translation>Secure State Boot</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="64"/>
        <source>Software corrupt, log storage full, bad update or unexpected version: the gateway offers no function at all (no connection possible).</source>
        <translation>Software beschädigt, Logspeicher voll, fehlerhaftes Update oder unerwartete Version: Das Gateway bietet keine Funktion (keine Verbindung möglich).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="68"/>
        <source>Secure State Application</source>
        <translation>Secure State Application</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="69"/>
        <source>Reading storage full or clock drift over 3 % of the smallest registration period (older firmware also: no time synchronisation for 36 h): only administrative functions work, you get no values.</source>
        <translation>Messwertspeicher voll oder Uhrabweichung über 3 % der kleinsten Registrierperiode (ältere Firmware auch: seit 36 h keine Zeitsynchronisation): Nur Verwaltungsfunktionen arbeiten, Sie erhalten keine Werte.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="79"/>
        <source>Secure State Connectivity</source>
        <translation>Secure State Connectivity</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="80"/>
        <source>WAN and HAN are not separated: the HAN port is switched off (no connection possible).</source>
        <translation>WAN und HAN sind nicht getrennt: Die HAN-Schnittstelle ist abgeschaltet (keine Verbindung möglich).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="82"/>
        <source>Check that the HAN port is never connected to the internet or your home router.</source>
        <translation>Die HAN-Schnittstelle darf nie mit dem Internet oder Ihrem Router verbunden sein.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="84"/>
        <source>Cyclic reboot</source>
        <translation>Zyklischer Neustart</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="85"/>
        <source>The gateway restarts again and again; connections break off.</source>
        <translation>Das Gateway startet immer wieder neu; Verbindungen brechen ab.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="74"/>
        <source>Secure State Measurement</source>
        <translation>Secure State Measurement</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/overview.py" line="75"/>
        <source>The gateway assumes its clock is invalid (firmware v3.87): readings recorded meanwhile are marked; the state ends when the clock is valid again.</source>
        <translation>Das Gateway hält seine Uhr für ungültig (ab Version 3.87): Messwerte aus dieser Zeit werden markiert; der Zustand endet, sobald die Uhr wieder gültig ist.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="30"/>
        <source>gateway: fatal error</source>
        <extracomment>the invalid (root) index, the default parent of the model&apos;s methods</extracomment>
        <translation>Gateway: schwerer Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="31"/>
        <source>gateway: time invalid</source>
        <translation>Gateway: Zeit ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="32"/>
        <source>gateway: warning</source>
        <translation>Gateway: Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="33"/>
        <source>gateway: temporary error (signed, invalid)</source>
        <translation>Gateway: vorübergehender Fehler (signiert, ungültig)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="35"/>
        <source>gateway: temporary error (invalid)</source>
        <translation>Gateway: vorübergehender Fehler (ungültig)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="37"/>
        <source>meter: magnetic influence</source>
        <translation>Zähler: Magnetfeld</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="38"/>
        <source>meter: manipulation detected</source>
        <translation>Zähler: Manipulation erkannt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="39"/>
        <source>meter: energy direction negative</source>
        <translation>Zähler: Energierichtung negativ</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="41"/>
        <source>L1 feeding in</source>
        <translation>L1 speist ein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="42"/>
        <source>L2 feeding in</source>
        <translation>L2 speist ein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="43"/>
        <source>L3 feeding in</source>
        <translation>L3 speist ein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="44"/>
        <source>meter: phase sequence wrong</source>
        <translation>Zähler: Drehfeld falsch</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="45"/>
        <source>meter: backstop active</source>
        <translation>Zähler: Rücklaufsperre aktiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="46"/>
        <source>meter: fatal error</source>
        <translation>Zähler: schwerer Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="53"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="53"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="54"/>
        <source>temporary error</source>
        <translation>vorübergehender Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="55"/>
        <source>critical (not billable)</source>
        <translation>kritisch (nicht abrechenbar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="56"/>
        <source>fatal (not billable)</source>
        <translation>schwerwiegend (nicht abrechenbar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="71"/>
        <source>unreadable status</source>
        <translation>Status unlesbar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="88"/>
        <source>The gateway sent no status word for this value.</source>
        <translation>Das Gateway hat zu diesem Wert kein Statuswort gesendet.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="90"/>
        <source>Value is fine ({0}): the gateway and the meter report no problem.</source>
        <translation>Wert ist in Ordnung ({0}): Gateway und Zähler melden kein Problem.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="93"/>
        <source>Value must not be used for billing: {0}.</source>
        <translation>Wert darf nicht abgerechnet werden: {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="96"/>
        <source>Value is usable, but note: {0}.</source>
        <translation>Wert ist verwendbar, aber beachten Sie: {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="97"/>
        <source>Status word {0}</source>
        <translation>Statuswort {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/readings_model.py" line="209"/>
        <source>Raw value {0} × 10^{1} {2} = {3} {2}</source>
        <translation>Rohwert {0} × 10^{1} {2} = {3} {2}</translation>
    </message>
</context>
<context>
    <name>Taf</name>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="38"/>
        <source>billing-relevant data, fixed tariff</source>
        <translation>abrechnungsrelevante Daten, fester Tarif</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="39"/>
        <source>time-variable tariff</source>
        <translation>zeitvariabler Tarif</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="40"/>
        <source>readings on demand</source>
        <translation>Abruf auf Anforderung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="41"/>
        <source>load profile (15-minute values)</source>
        <translation>Lastgang (15-Minuten-Werte)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="42"/>
        <source>current value (no history)</source>
        <translation>aktueller Wert (keine Historie)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="43"/>
        <source>current values for the consumer (no history)</source>
        <translation>aktuelle Werte für den Letztverbraucher (keine Historie)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="44"/>
        <source>high-frequency values (not stored)</source>
        <translation>hochfrequente Werte (nicht gespeichert)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="51"/>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="52"/>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/contracts.py" line="53"/>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="43"/>
        <source>Check the gateway certificate</source>
        <translation>Gateway-Zertifikat prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="47"/>
        <source>&lt;b&gt;First connection to {0}.&lt;/b&gt;&lt;br&gt;The gateway identifies itself with a certificate. Compare its fingerprint below, group by group, with the one your meter operator gave you (letter, portal or the gateway&apos;s documentation). Only trust it if all groups match.</source>
        <translation>&lt;b&gt;Erste Verbindung zu {0}.&lt;/b&gt;&lt;br&gt;Das Gateway weist sich mit einem Zertifikat aus. Vergleichen Sie den Fingerabdruck unten Gruppe für Gruppe mit dem, den Ihnen Ihr Messstellenbetreiber gegeben hat (Brief, Portal oder Unterlagen zum Gateway). Vertrauen Sie ihm nur, wenn alle Gruppen übereinstimmen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="53"/>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="59"/>
        <source>Subject:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="59"/>
        <source>(not readable)</source>
        <translation>(nicht lesbar)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="63"/>
        <source>{0} to {1}</source>
        <translation>{0} bis {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="67"/>
        <source>expired (usual for gateways; the pin still protects you)</source>
        <translation>abgelaufen (bei Gateways üblich; der Fingerabdruck schützt Sie trotzdem)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="69"/>
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="71"/>
        <source>Issuer:</source>
        <translation>Aussteller:</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="72"/>
        <source>self-signed (normal for a gateway&apos;s HAN certificate)</source>
        <translation>selbst signiert (normal für das HAN-Zertifikat eines Gateways)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="74"/>
        <source>I have compared the fingerprint and all groups match</source>
        <translation>Ich habe den Fingerabdruck verglichen, alle Gruppen stimmen überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="77"/>
        <source>&amp;Trust and connect</source>
        <translation>&amp;Vertrauen und verbinden</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/trust.py" line="61"/>
        <source>Serial number:</source>
        <translation>Seriennummer:</translation>
    </message>
</context>
<context>
    <name>Verify</name>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="59"/>
        <source>today</source>
        <extracomment>the tariff number of the error register (OBIS x.8.63) worst first; a banner takes the colour of the worst finding</extracomment>
        <translation>heute</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="66"/>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="79"/>
        <source>The error register</source>
        <translation>Das Fehlerregister</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="80"/>
        <source>the registers</source>
        <translation>die Register</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="82"/>
        <source>Tariff {0}</source>
        <translation>Tarif {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="85"/>
        <source>Tariffs {0} and {1}</source>
        <translation>Tarif {0} und {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="87"/>
        <source>{0} and the error register</source>
        <translation>{0} sowie das Fehlerregister</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="103"/>
        <source>✔ matches</source>
        <translation>✔ stimmt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="105"/>
        <source>{0}: {1} matches your gateway to the watt-hour.</source>
        <translation>{0}: {1} stimmt auf die Wattstunde mit Ihrem Gateway überein.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="108"/>
        <source>{0}: {1} match your gateway to the watt-hour.</source>
        <translation>{0}: {1} stimmen auf die Wattstunde mit Ihrem Gateway überein.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="112"/>
        <source>✘ differs</source>
        <translation>✘ weicht ab</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="113"/>
        <source>{0} differs by {1}</source>
        <translation>{0} weicht um {1} ab</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="116"/>
        <source>{0}: {1}. Ask your supplier about it.</source>
        <translation>{0}: {1}. Fragen Sie Ihren Lieferanten danach.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="120"/>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="121"/>
        <source>{0}: the period is not over yet; it is checked once it has ended.</source>
        <translation>{0}: Der Zeitraum läuft noch; er wird geprüft, sobald er zu Ende ist.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="125"/>
        <location filename="../../trudi_py/gui/verify_text.py" line="130"/>
        <source>not checkable</source>
        <translation>nicht prüfbar</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="126"/>
        <source>{0}: not checkable, the gateway did not report every register value.</source>
        <translation>{0}: nicht prüfbar, das Gateway hat nicht jeden Registerwert gemeldet.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="131"/>
        <source>{0}: not checkable. {1}</source>
        <translation>{0}: nicht prüfbar. {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="132"/>
        <source>No reason given.</source>
        <translation>Kein Grund angegeben.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="137"/>
        <source>Computed from the meter readings of {0} (same meter).</source>
        <translation>Berechnet aus den Zählerständen von {0} (derselbe Zähler).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="149"/>
        <source>the gateway has no values for some time spans (gaps)</source>
        <extracomment>Archive findings that report a check passed (PPC): shown as such, never as a problem.</extracomment>
        <translation>für manche Zeitspannen hat das Gateway keine Werte (Lücken)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="150"/>
        <source>answers are missing for some time spans</source>
        <translation>für manche Zeitspannen fehlen Antworten</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="151"/>
        <source>the archive was not finished</source>
        <translation>das Archiv wurde nicht fertiggestellt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="152"/>
        <source>a file in the archive was changed</source>
        <translation>eine Datei im Archiv wurde verändert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="153"/>
        <source>a file is missing from the archive</source>
        <translation>im Archiv fehlt eine Datei</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="154"/>
        <source>the gateway&apos;s certificate changed while archiving</source>
        <translation>das Zertifikat des Gateways hat sich während der Archivierung geändert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="156"/>
        <source>counts in an answer do not agree</source>
        <translation>Anzahlen in einer Antwort stimmen nicht überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="157"/>
        <source>counts in the archive do not agree</source>
        <translation>Anzahlen im Archiv stimmen nicht überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="158"/>
        <source>a note from writing the archive (see the technical report)</source>
        <translation>ein Hinweis beim Schreiben des Archivs (siehe technischer Bericht)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="160"/>
        <source>a table differs from the gateway&apos;s answers it was made from</source>
        <translation>eine Tabelle weicht von den Antworten des Gateways ab, aus denen sie erstellt wurde</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="162"/>
        <source>gateway answers are missing in the archive</source>
        <translation>im Archiv fehlen Antworten des Gateways</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="163"/>
        <source>the gateway answers are not numbered without gaps</source>
        <translation>die Antworten des Gateways sind nicht lückenlos nummeriert</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="165"/>
        <source>a signed export&apos;s signature is not valid</source>
        <translation>die Signatur eines signierten Exports ist ungültig</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="166"/>
        <source>a signed export differs from the portal&apos;s pages</source>
        <translation>ein signierter Export weicht von den Seiten des Portals ab</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="168"/>
        <source>every signed export of the portal has a valid signature</source>
        <translation>jeder signierte Export des Portals hat eine gültige Signatur</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="170"/>
        <source>the signed exports agree with the portal&apos;s pages</source>
        <translation>die signierten Exporte stimmen mit den Seiten des Portals überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="172"/>
        <source>the portal&apos;s tariff registers agree with the meter readings</source>
        <translation>die Tarifregister des Portals stimmen mit den Zählerständen überein</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/verify_text.py" line="175"/>
        <source>problem &quot;{0}&quot;</source>
        <translation>Problem „{0}“</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="91"/>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="95"/>
        <source>Recomputes the billing registers of every closed billing period from your meter readings and compares them with the gateway&apos;s registers; for an archive also its integrity (hashes, completeness). The explanation of each row says which values were used. Reads all values of every contract: this can take a few minutes.</source>
        <translation>Rechnet die Abrechnungsregister jedes abgeschlossenen Abrechnungszeitraums aus Ihren Zählerwerten nach und vergleicht sie mit den Registern des Gateways; bei einem Archiv auch seine Unversehrtheit (Prüfsummen, Vollständigkeit). Die Erklärung jeder Zeile sagt, aus welchen Werten gerechnet wurde. Liest alle Werte jedes Vertrags: Das kann einige Minuten dauern.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="126"/>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="126"/>
        <source>Billing period</source>
        <translation>Abrechnungszeitraum</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="126"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="160"/>
        <source>Transparency function (AR 2418-6 files)</source>
        <translation>Transparenzfunktion (AR-2418-6-Dateien)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="171"/>
        <source>&amp;Device file (readings):</source>
        <translation>&amp;Gerätedatei (Messwerte):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="173"/>
        <source>&amp;Supplier file (tariff):</source>
        <translation>&amp;Lieferantendatei (Tarif):</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="177"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="183"/>
        <source>&amp;Compute billing registers</source>
        <translation>Abrechnungsregister &amp;berechnen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="92"/>
        <source>Check your billing data</source>
        <translation>Abrechnungsdaten prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="102"/>
        <source>&amp;Check now</source>
        <translation>&amp;Jetzt prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="104"/>
        <source>Check an &amp;archive file…</source>
        <translation>&amp;Archivdatei prüfen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="106"/>
        <source>Ca&amp;ncel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="127"/>
        <source>Amounts (computed / gateway)</source>
        <translation>Mengen (berechnet / Gateway)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="127"/>
        <source>Explanation</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="146"/>
        <source>Show the &amp;technical report</source>
        <translation>&amp;Technischen Bericht zeigen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="147"/>
        <source>Every register with its OBIS code and raw values, as the command line prints it</source>
        <translation>Jedes Register mit OBIS-Kennzahl und Rohwerten, wie es die Kommandozeile ausgibt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="163"/>
        <source>Show the trans&amp;parency function (AR 2418-6 files)</source>
        <translation>Trans&amp;parenzfunktion zeigen (AR-2418-6-Dateien)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="166"/>
        <source>Compute the billing registers from a device file and a supplier file, as TRuDI&apos;s transparency function does</source>
        <translation>Abrechnungsregister aus einer Gerätedatei und einer Lieferantendatei berechnen, wie es die Transparenzfunktion von TRuDI tut</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="221"/>
        <source>Checks the opened archive {0}.</source>
        <translation>Prüft das geöffnete Archiv {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="224"/>
        <source>Checks everything in the local history {0} (offline).</source>
        <translation>Prüft alles im lokalen Verlauf {0} (offline).</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="228"/>
        <source>Checks the data of the connected gateway.</source>
        <translation>Prüft die Daten des verbundenen Gateways.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="230"/>
        <source>Connect to a gateway or open an archive.</source>
        <translation>Verbinden Sie sich mit einem Gateway oder öffnen Sie ein Archiv.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="234"/>
        <source>Not checked yet: click »Check now« to check every closed billing period.</source>
        <translation>Noch nicht geprüft: Klicken Sie auf »Jetzt prüfen«, um jeden abgeschlossenen Abrechnungszeitraum zu prüfen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="242"/>
        <location filename="../../trudi_py/gui/pages/verify.py" line="275"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="254"/>
        <source>Check archive</source>
        <translation>Archiv prüfen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="255"/>
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP-Archive (*.zip)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="265"/>
        <source>Checking {0}…</source>
        <translation>{0} wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="289"/>
        <source>Request {0} of {1}</source>
        <translation>Anfrage {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="297"/>
        <location filename="../../trudi_py/gui/pages/verify.py" line="298"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="341"/>
        <source>{0} billing periods: {1} match, {2} differ, {3} still open, {4} not checkable.</source>
        <translation>{0} Abrechnungszeiträume: {1} stimmen, {2} weichen ab, {3} noch offen, {4} nicht prüfbar.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="346"/>
        <source>Open periods are checked once they have ended.</source>
        <translation>Offene Zeiträume werden geprüft, sobald sie zu Ende sind.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="358"/>
        <source>Archive: {0}.</source>
        <translation>Archiv: {0}.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="360"/>
        <source>Archive: {0} ({1}×)</source>
        <translation>Archiv: {0} ({1}×)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="376"/>
        <source>Check cancelled.</source>
        <translation>Prüfung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="352"/>
        <source>The archive is incomplete.</source>
        <translation>Das Archiv ist unvollständig.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="382"/>
        <source>Choose file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="383"/>
        <source>XML files (*.xml);;All files (*)</source>
        <translation>XML-Dateien (*.xml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/pages/verify.py" line="406"/>
        <source>Cannot read the file: {0}</source>
        <translation>Die Datei kann nicht gelesen werden: {0}</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="90"/>
        <source>Consumption</source>
        <translation>Bezug</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="91"/>
        <source>Feed-in</source>
        <translation>Einspeisung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="93"/>
        <source>{0} total</source>
        <translation>{0} gesamt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="95"/>
        <source>{0} error register</source>
        <translation>{0} Fehlerregister</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="96"/>
        <source>{0} tariff {1}</source>
        <translation>{0} Tarif {1}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="100"/>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="101"/>
        <source>Register {0}</source>
        <translation>Register {0}</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="107"/>
        <source>OBIS code {0} ({1})</source>
        <translation>OBIS-Kennzahl {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="109"/>
        <source>Error register: energy the gateway could not assign to a tariff (e.g. while its clock was invalid). It is billed separately.</source>
        <translation>Fehlerregister: Energie, die das Gateway keinem Tarif zuordnen konnte (z. B. solange seine Uhr ungültig war). Sie wird gesondert abgerechnet.</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="117"/>
        <source>Original values (15 minutes)</source>
        <translation>Originalwerte (15 Minuten)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="118"/>
        <source>Derived registers</source>
        <translation>Abgeleitete Register</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="119"/>
        <source>Tariff registers (time-variable)</source>
        <translation>Tarifregister (zeitvariabel)</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="120"/>
        <source>Daily values</source>
        <translation>Tageswerte</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="156"/>
        <source>Severe fault</source>
        <extracomment>severity classes, worst first, with their row colours (background)</extracomment>
        <translation>Schwerer Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="157"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="158"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="159"/>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="160"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="161"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="168"/>
        <source>Normal operation</source>
        <translation>Normalbetrieb</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="169"/>
        <source>Safe state at start</source>
        <translation>Sicherer Zustand beim Start</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="170"/>
        <source>Safe state of the functions</source>
        <translation>Sicherer Zustand der Funktionen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="171"/>
        <source>Safe state of the ports</source>
        <translation>Sicherer Zustand der Schnittstellen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="172"/>
        <source>Safe state of measuring</source>
        <translation>Sicherer Zustand der Messung</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="173"/>
        <source>Restarting again and again</source>
        <translation>Startet immer wieder neu</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="209"/>
        <source>Active special functions</source>
        <extracomment>(words that all occur in the lower-case message, kind of event) — first match wins; the event numbers are the manufacturer&apos;s and not documented, the German message is</extracomment>
        <translation>Aktive Sonderfunktionen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="210"/>
        <source>Self-test</source>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="211"/>
        <source>Firmware update</source>
        <translation>Firmware-Update</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="212"/>
        <source>Gateway started</source>
        <translation>Gateway gestartet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="213"/>
        <source>Put into service</source>
        <translation>In Betrieb genommen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="214"/>
        <source>Clock</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="215"/>
        <source>Values sent to supplier</source>
        <translation>Messwerte an Lieferanten gesendet</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="216"/>
        <source>Billing period closed</source>
        <translation>Abrechnungszeitraum abgeschlossen</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="217"/>
        <source>Login at the HAN port</source>
        <translation>Anmeldung an der HAN-Schnittstelle</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="218"/>
        <source>Meter connection</source>
        <translation>Verbindung zum Zähler</translation>
    </message>
    <message>
        <location filename="../../trudi_py/gui/format.py" line="219"/>
        <source>Other event</source>
        <translation>Sonstiges Ereignis</translation>
    </message>
</context>
</TS>
