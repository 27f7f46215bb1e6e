// The startup benchmark's baseline: the least a Qt Widgets + QtWebEngine app does to show a window with a
// web page, so run-startup-bench.sh can tell Switchboard's own start-up cost from the web engine's.

#include <QApplication>
#include <QCoreApplication>
#include <QMainWindow>
#include <QWebEngineView>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts); // as the app: QtWebEngine needs it first
    QApplication app(argc, argv);

    QMainWindow window;
    window.setWindowTitle(QStringLiteral("WebEngineFloor"));
    auto *view = new QWebEngineView(&window);
    window.setCentralWidget(view);
    // The bench watches stderr for this line, as it watches the app's for its registered phone.
    QObject::connect(view, &QWebEngineView::loadFinished, [](bool ok) {
        if (ok) {
            std::fputs("page ready\n", stderr);
            std::fflush(stderr);
        }
    });
    view->setHtml(
        QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>floor</title></head>"
                       "<body><p>WebEngineFloor</p></body></html>"));
    window.resize(1280, 640);
    window.show();
    return app.exec();
}
