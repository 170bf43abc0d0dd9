import { Layout } from '../../../web/layout.tsx';
import { SignInForm, type SignInProps } from './SignInForm.tsx';

export function LoginPage(props: SignInProps) {
  return (
    <Layout ctx={props.ctx} title="工作人员登录">
      <section class="card narrow">
        <h1>工作人员登录</h1>
        <SignInForm {...props} action="/login" home="/staff" usernameLabel="用户名" buttonClass="button" />
        <p class="muted">本页供社区、街道和区县工作人员使用。忘记密码请联系所在街道或区县管理员重置。</p>
        <p class="muted">
          居民请从 <a href="/my/login">居民登录</a> 进入；只看公开信息不用登录。
        </p>
      </section>
    </Layout>
  );
}
