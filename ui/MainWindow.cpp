#include "ui/MainWindow.h"

#include <QLabel>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Switchboard"));
    auto *placeholder = new QLabel(tr("<h2>Switchboard</h2>"
                                      "<p>The phone and the admin pages are not built yet.</p>"
                                      "<p>From a terminal, <tt>switchboard token --client NAME</tt> prints a "
                                      "Twilio access token.</p>"),
                                   this);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setMargin(24);
    setCentralWidget(placeholder);
    resize(480, 360);
}
