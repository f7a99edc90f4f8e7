import Hummingbird

/// The script of 上传入库, served as a file of the site (the content security policy allows no inline script): it
/// sends the form with `XMLHttpRequest`, shows how much has been uploaded, then shows the result page's content in
/// place. Without script the form is posted as it is and the result page comes back the ordinary way.
enum UploadScript {
    static let path = "/static/upload.js"

    static let source = """
        "use strict";
        (function () {
          var form = document.getElementById("upload-form");
          if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) { return; }
          var bar = document.getElementById("upload-progress");
          var status = document.getElementById("upload-status");
          function megabytes(bytes) { return (bytes / 1048576).toFixed(1) + " MB"; }
          form.addEventListener("submit", function (event) {
            event.preventDefault();
            var button = form.querySelector("button[type=submit]");
            var request = new XMLHttpRequest();
            request.open("POST", form.action);
            request.responseType = "text";
            request.upload.addEventListener("progress", function (progress) {
              if (!progress.lengthComputable) { return; }
              var percent = Math.floor(progress.loaded * 100 / progress.total);
              bar.hidden = false;
              bar.value = percent;
              status.textContent = "已上传 " + percent + "%（" + megabytes(progress.loaded) + " / " +
                megabytes(progress.total) + "）";
            });
            request.upload.addEventListener("load", function () {
              bar.value = 100;
              status.textContent = "上传完毕，正在读取、检查并入库……";
            });
            request.addEventListener("load", function () {
              var page = new DOMParser().parseFromString(request.responseText, "text/html");
              var main = page.querySelector("main");
              if (!main) {
                status.textContent = "服务器的回应无法显示（" + request.status + "），请刷新后重试。";
                if (button) { button.disabled = false; }
                return;
              }
              document.title = page.title;
              document.querySelector("main").replaceWith(document.importNode(main, true));
              window.scrollTo(0, 0);
            });
            request.addEventListener("error", function () {
              status.textContent = "上传中断（网络错误），请重试。";
              if (button) { button.disabled = false; }
            });
            if (button) { button.disabled = true; }
            bar.hidden = false;
            bar.value = 0;
            status.textContent = "正在上传……";
            request.send(new FormData(form));
          });
        })();

        """

    static func response() -> Response {
        var response = Responses.body(source, status: .ok, contentType: "text/javascript; charset=utf-8")
        response.headers[.cacheControl] = "public, max-age=3600"
        return response
    }
}
