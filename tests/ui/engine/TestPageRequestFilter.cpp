// Which requests the phone's profile lets leave: the program's own resources and Twilio over TLS, nothing
// else (look-alike hosts, plain http or ws, credentials in the URL, other schemes).

#include "ui/engine/PageRequestFilter.h"

#include <QTest>

class TestPageRequestFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allows_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("own page") << "qrc:/web/softphone.html" << true;
        QTest::newRow("qwebchannel.js") << "qrc:///qtwebchannel/qwebchannel.js" << true;
        QTest::newRow("setHtml") << "data:text/html,<p>x</p>" << true;
        QTest::newRow("signalling") << "wss://voice-js.tokyo.twilio.com/signal" << true;
        QTest::newRow("signalling, upper case") << "wss://VOICE-JS.ROAMING.TWILIO.COM/signal" << true;
        QTest::newRow("insights") << "https://eventgw.twilio.com/v4/EndpointEvents" << true;
        QTest::newRow("insights, region") << "https://eventgw.jp1.twilio.com/v4/EndpointMetrics" << true;
        QTest::newRow("sounds") << "https://sdk.twilio.com/js/client/sounds/releases/1.0.0/incoming.mp3"
                                << true;
        QTest::newRow("plain http") << "http://eventgw.twilio.com/" << false;
        QTest::newRow("plain ws") << "ws://voice-js.tokyo.twilio.com/signal" << false;
        QTest::newRow("look-alike suffix") << "https://twilio.com.example.net/" << false;
        QTest::newRow("look-alike prefix") << "https://eviltwilio.com/" << false;
        QTest::newRow("credentials") << "https://user:pass@sdk.twilio.com/" << false;
        QTest::newRow("other host") << "https://example.com/" << false;
        QTest::newRow("own server") << "http://127.0.0.1:8080/token" << false;
        QTest::newRow("file") << "file:///etc/passwd" << false;
        QTest::newRow("ftp") << "ftp://sdk.twilio.com/" << false;
    }

    void allows()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(Engine::PageRequestFilter::allows(QUrl(url)), allowed);
    }
};

QTEST_GUILESS_MAIN(TestPageRequestFilter)
#include "TestPageRequestFilter.moc"
