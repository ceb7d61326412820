@echo off
rem Runs the Portcullis command line from this repository, from any directory.
rem The first run builds cli\target\portcullis.jar with Maven; later runs start it directly.
setlocal
set "ROOT=%~dp0.."
set "JAR=%ROOT%\cli\target\portcullis.jar"
if not exist "%JAR%" (
  echo portcullis: building %JAR% ^(first run, takes a minute^) 1>&2
  pushd "%ROOT%"
  call mvn -q -B -ntp -pl cli -am package -DskipTests 1>&2
  if errorlevel 1 (
    popd
    echo portcullis: error: building the command line with Maven failed ^(see above^) 1>&2
    exit /b 1
  )
  popd
)
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
if not defined PORTCULLIS_JAVA_OPTS set "PORTCULLIS_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
"%JAVA%" %PORTCULLIS_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
