@echo off
rem Runs Hatua from a USB stick on Windows, the way hatua.sh does on Linux. Windows has no
rem "noexec", but a managed PC may forbid running programs from removable drives (the
rem "Removable Disks: Deny execute access" policy); a copy in %TEMP% runs there. Put this
rem file beside hatua.exe on the stick and double-click it, or from a command prompt:
rem
rem     E:\hatua.cmd               the player
rem     E:\hatua.cmd courses       any command, with its arguments
rem
rem It copies hatua.exe into a new folder in %TEMP%, runs it with the data folder hatua-data
rem beside this file (HATUA_DATA_DIR; --data-dir DIR still wins), reading
rem hatua-data\config.toml when there is one, and returns Hatua's exit code. The folder in
rem %TEMP% is removed when Hatua ends; answering Y to "Terminate batch job (Y/N)?" after a
rem Ctrl-C leaves it there. docs/install.md says more.
setlocal
set "HERE=%~dp0"
if not exist "%HERE%hatua.exe" goto no_binary

:pick
set "RUN_DIR=%TEMP%\hatua-%RANDOM%%RANDOM%"
if exist "%RUN_DIR%" goto pick
mkdir "%RUN_DIR%" || goto no_temp
copy /b /y "%HERE%hatua.exe" "%RUN_DIR%\hatua.exe" >nul || goto no_copy

set "HATUA_DATA_DIR=%HERE%hatua-data"
rem The stick's own settings, as portable mode reads them, unless the command names others.
set "CONFIG="
if exist "%HATUA_DATA_DIR%\config.toml" set "CONFIG=%HATUA_DATA_DIR%\config.toml"
for %%A in (%*) do if /i "%%~A"=="--config" set "CONFIG="
for %%A in (%*) do if /i "%%~A"=="--data-dir" set "CONFIG="
if defined CONFIG goto run_with_config
"%RUN_DIR%\hatua.exe" %*
goto done
:run_with_config
"%RUN_DIR%\hatua.exe" --config "%CONFIG%" %*

:done
set "STATUS=%ERRORLEVEL%"
rmdir /s /q "%RUN_DIR%"
exit /b %STATUS%

:no_binary
echo hatua.cmd: there is no hatua.exe beside this file; copy it into %HERE% 1>&2
exit /b 1
:no_temp
echo hatua.cmd: cannot make a folder in %TEMP% 1>&2
exit /b 1
:no_copy
echo hatua.cmd: cannot copy hatua.exe into %RUN_DIR% 1>&2
rmdir /s /q "%RUN_DIR%"
exit /b 1
